import type { ExportImage } from './pair-source'

/** The images of one record, parsed from `imageListSql`. */
export type ImageList = {
  /** The sample's image hashes in position order: what the record's content id covers. */
  readonly shas: readonly string[]
  /** `JSON.stringify(shas)`, computed once per distinct list. */
  readonly shasJson: string
  /** The images the record shows (the degraded variants with `promptImage` = `lq`). */
  readonly images: readonly ExportImage[]
  /** Root (original) image hashes, distinct, for leakage-free splits. */
  readonly roots: readonly string[]
}

/**
 * A scalar subquery over `pairs p`: the pair's sample images in position order, as
 * `sha:format:bytes:rootSha[:variantSha:variantFormat:variantBytes]` entries joined by commas
 * (hashes are hex, sizes decimal and formats sharp's names, so neither separator can occur inside
 * a field). The variant, the
 * image's degraded copy made with the pair's recipe, is looked up only for `lq`; there is at
 * most one (unique index on source and recipe).
 */
export function imageListSql(promptImage: 'hq' | 'lq'): string {
  const variant =
    promptImage === 'lq'
      ? ` || COALESCE((SELECT ':' || v.sha256 || ':' || v.format || ':' || v.bytes FROM images v
                        WHERE v.source_id = i.id AND v.recipe_key = p.recipe_key), '')`
      : ''
  return `(SELECT group_concat(i.sha256 || ':' || i.format || ':' || i.bytes || ':' || COALESCE(src.sha256, i.sha256)${variant}, ',' ORDER BY si.position)
             FROM sample_images si JOIN images i ON i.id = si.image_id
             LEFT JOIN images src ON src.id = i.source_id
            WHERE si.sample_id = p.sample_id)`
}

/**
 * Parses `imageListSql` values. Lists repeat across records (every pair of a sample, every
 * sample of an image), so each distinct list is parsed once and its arrays and image objects
 * are shared by all the records that hold it.
 */
export class ImageListParser {
  readonly #lists = new Map<string, ImageList>()
  readonly #images = new Map<string, ExportImage>()

  parse(value: string): ImageList {
    const known = this.#lists.get(value)
    if (known) return known
    const shas: string[] = []
    const images: ExportImage[] = []
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

  #image(sha256: string, format: string, bytes: string): ExportImage {
    const key = `${sha256}:${format}`
    let image = this.#images.get(key)
    if (!image) {
      image = { sha256, format, bytes: Number(bytes) }
      this.#images.set(key, image)
    }
    return image
  }
}
