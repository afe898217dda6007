import type { FileMetaData, SchemaElement } from 'hyparquet'

import { readParquetMetadata } from './dataset-readers'

/**
 * Checks that a Parquet file follows the HF `datasets` layout: a `huggingface` metadata entry
 * whose features name exactly the file's columns, and every `Image` feature stored as
 * `struct<bytes: binary, path: string>` (inside a `LIST` for a list of images).
 */
export async function parquetLayoutProblems(file: string, label: string): Promise<string[]> {
  const metadata = await readParquetMetadata(file)
  return layoutProblems(metadata, label)
}

export function layoutProblems(metadata: FileMetaData, label: string): string[] {
  const problems: string[] = []
  const entry = metadata.key_value_metadata?.find((kv) => kv.key === 'huggingface')
  if (!entry?.value) return [`${label}: no "huggingface" features metadata`]
  let features: Record<string, unknown>
  try {
    features = (JSON.parse(entry.value) as { info: { features: Record<string, unknown> } }).info
      .features
  } catch {
    return [`${label}: the "huggingface" metadata is not valid JSON with info.features`]
  }
  const columns = children(metadata.schema, 0)
  const names = columns.map((c) => metadata.schema[c]?.name)
  if (JSON.stringify(Object.keys(features)) !== JSON.stringify(names)) {
    problems.push(
      `${label}: features ${Object.keys(features).join(',')} do not match columns ${names.join(',')}`
    )
  }
  for (const at of columns) {
    const column = metadata.schema[at] as SchemaElement
    const feature = features[column.name]
    const isImage = isObjectWith(feature, 'Image')
    const isImageList = Array.isArray(feature) && isObjectWith(feature[0], 'Image')
    if (!isImage && !isImageList) continue
    let struct = at
    if (isImageList) {
      const list = children(metadata.schema, at)[0]
      const element = list === undefined ? undefined : children(metadata.schema, list)[0]
      if (column.converted_type !== 'LIST' || element === undefined) {
        problems.push(`${label}: ${column.name} is an image list but not a LIST column`)
        continue
      }
      struct = element
    }
    const fields = children(metadata.schema, struct).map((c) => metadata.schema[c] as SchemaElement)
    const bytes = fields.find((f) => f.name === 'bytes')
    const path = fields.find((f) => f.name === 'path')
    if (fields.length !== 2 || bytes?.type !== 'BYTE_ARRAY' || path?.converted_type !== 'UTF8') {
      problems.push(`${label}: ${column.name} is not stored as struct<bytes: binary, path: string>`)
    }
  }
  return problems
}

function isObjectWith(value: unknown, type: string): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { _type?: unknown })._type === type
  )
}

/** Indices of the direct children of schema element `at` (the schema list is depth-first). */
function children(schema: SchemaElement[], at: number): number[] {
  const result: number[] = []
  let next = at + 1
  const skip = (i: number): number => {
    let j = i + 1
    for (let k = 0; k < (schema[i]?.num_children ?? 0); k++) j = skip(j)
    return j
  }
  for (let k = 0; k < (schema[at]?.num_children ?? 0); k++) {
    result.push(next)
    next = skip(next)
  }
  return result
}
