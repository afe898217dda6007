/** An image of a dataset row: a file beside the data, or bytes embedded in it. */
export type RecordImage =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly name: string | null }

/** One preference record read back from any supported format; what import stores. */
export type DatasetRecord = {
  readonly id: string | null
  readonly question: string
  readonly chosen: string
  readonly rejected: string
  readonly tier: 1 | 2 | 3 | null
  readonly images: readonly RecordImage[]
}

/** What a row's reader knows about the dataset as a whole. */
export type RowContext = {
  /** A Delta Studio export that applied the text policy (its manifest says so). */
  readonly ownExport?: boolean
}

/** A row turned into a record, or every reason it breaks its format's rules. */
export type RowResult =
  { record: DatasetRecord; problems: [] } | { record: null; problems: string[] }

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function asTier(value: unknown): 1 | 2 | 3 | null {
  const n = typeof value === 'bigint' ? Number(value) : value
  return n === 1 || n === 2 || n === 3 ? n : null
}

export function asId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null
}

/** An image cell: a path string, or an HF `Image` struct `{bytes, path}`. */
export function toRecordImage(value: unknown): RecordImage | string {
  if (typeof value === 'string' && value.length > 0) return { kind: 'file', path: value }
  if (isObject(value)) {
    const bytes = value.bytes
    const path = typeof value.path === 'string' ? value.path : null
    if (bytes instanceof Uint8Array && bytes.length > 0) return { kind: 'bytes', bytes, name: path }
    if (path) return { kind: 'file', path }
  }
  return 'an image is neither a path nor a {bytes, path} struct with data'
}
