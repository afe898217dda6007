/** One image of a record, as stored in the project's media (`bytes`: its size). */
export type ImageRef = {
  readonly sha256: string
  /** sharp's name of the stored format (`jpeg`, `png`, `webp`, `heif`, …). */
  readonly format: string
  readonly bytes: number
}

/**
 * What every row builder takes: a record's texts as stored, its images in order (one slot per
 * image, first to last), and the provenance the formats that carry it write. No database, no
 * file: builders are pure, so the writers, the preview, the import's round-trip tests and
 * composition (several images per record) all share them.
 */
export type RowPair = {
  /** Content id (see `contentId`). */
  readonly id: string
  readonly tier: number
  readonly question: string
  readonly chosen: string
  readonly rejected: string
  readonly images: readonly ImageRef[]
  /**
   * The prompt names each image (`Image1:` before it), as a composed sequence was asked of the
   * model (MIA-DPO's layout); rows keep that layout so training sees the prompt that made the pair.
   */
  readonly labelledImages: boolean
  readonly origin: string
  readonly judgeScore: number | null
  readonly deltaTokens: number | null
  readonly recipeKey: string | null
  readonly perturbType: string | null
  readonly model: string | null
}
