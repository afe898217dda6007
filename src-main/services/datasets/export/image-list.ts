import type { ImageRef } from '../formats/pair'

/** The images of one record, parsed from the store's image list (`iterateExportPairs`). */
export type ImageList = {
  /** The sample's image hashes in position order: what the record's content id covers. */
  readonly shas: readonly string[]
  /** `JSON.stringify(shas)`, computed once per distinct list. */
  readonly shasJson: string
  /** The images the record shows, in order (the degraded variants with `promptImage` = `lq`). */
  readonly images: readonly ImageRef[]
  /** Root (original) image hashes, distinct, for leakage-free splits. */
  readonly roots: readonly string[]
}

/**
 * Parses image lists. Lists repeat across records (every pair of a sample, every sample of an
 * image), so each distinct list is parsed once and its arrays and image objects are shared by
 * all the records that hold it.
 */
export class ImageListParser {
  readonly #lists = new Map<string, ImageList>()
  readonly #images = new Map<string, ImageRef>()

  parse(value: string): ImageList {
    const known = this.#lists.get(value)
    if (known) return known
    const shas: string[] = []
    const images: ImageRef[] = []
    const roots: string[] = []
    for (const entry of value.split(',')) {
      const [sha256, format, bytes, root, variantSha, variantFormat, variantBytes] = entry.split(
        ':'
      ) as [string, string, string, string, string?, string?, string?]
      shas.push(sha256)
      images.push(
        variantSha && variantFormat && variantBytes
          ? this.#image(variantSha, variantFormat, variantBytes)
          : this.#image(sha256, format, bytes)
      )
      if (!roots.includes(root)) roots.push(root)
    }
    const list = { shas, shasJson: JSON.stringify(shas), images, roots }
    this.#lists.set(value, list)
    return list
  }

  #image(sha256: string, format: string, bytes: string): ImageRef {
    const key = `${sha256}:${format}`
    let image = this.#images.get(key)
    if (!image) {
      image = { sha256, format, bytes: Number(bytes) }
      this.#images.set(key, image)
    }
    return image
  }
}
