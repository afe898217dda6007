import { z } from 'zod'

/** A stored image as the UI needs it; `transport.mediaUrl({sha256})` gives its URL. */
export const ImageDto = z.object({
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  /** 0-based place of this image in the sample's ordered image list. */
  position: z.number().int(),
  /** For a derived (LQ) variant: its recipe key, e.g. `jpeg:q=10`; null for an original. */
  recipeKey: z.string().nullable()
})
export type ImageDto = z.infer<typeof ImageDto>
