import type { FileMetaData, SchemaElement } from 'hyparquet'

import { readParquetMetadata } from '../formats/dataset-readers'

/**
 * Checks that a Parquet file loads in HF `datasets` as its features say: a `huggingface`
 * metadata entry whose features describe exactly the file's Arrow schema, column by column and
 * recursively (`datasets` casts the table to the features and fails on a mismatch): a `Value`
 * has the physical type of its dtype, a list is a three-level `LIST` group, a struct (a dict of
 * features) has exactly those fields in that order, and an `Image` is
 * `struct<bytes: binary, path: string>`.
 */
export async function parquetLayoutProblems(file: string, label: string): Promise<string[]> {
  const metadata = await readParquetMetadata(file)
  return layoutProblems(metadata, label)
}

export function layoutProblems(metadata: FileMetaData, label: string): string[] {
  const entry = metadata.key_value_metadata?.find((kv) => kv.key === 'huggingface')
  if (!entry?.value) return [`${label}: no "huggingface" features metadata`]
  let features: Record<string, unknown>
  try {
    features = (JSON.parse(entry.value) as { info: { features: Record<string, unknown> } }).info
      .features
    if (!isObject(features)) throw new Error('no features')
  } catch {
    return [`${label}: the "huggingface" metadata is not valid JSON with info.features`]
  }
  const problems: string[] = []
  const report = (where: string, problem: string): void => {
    problems.push(`${label}: ${where} ${problem}`)
  }
  structProblems(metadata.schema, 0, features, 'the file', report)
  return problems
}

type Report = (where: string, problem: string) => void

const PHYSICAL: Record<string, { type: string; utf8?: boolean }> = {
  string: { type: 'BYTE_ARRAY', utf8: true },
  large_string: { type: 'BYTE_ARRAY', utf8: true },
  binary: { type: 'BYTE_ARRAY' },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  float32: { type: 'FLOAT' },
  float64: { type: 'DOUBLE' },
  bool: { type: 'BOOLEAN' }
}

function featureProblems(
  schema: SchemaElement[],
  at: number,
  feature: unknown,
  where: string,
  report: Report
): void {
  const element = schema[at] as SchemaElement
  if (Array.isArray(feature)) {
    const list = children(schema, at)[0]
    const item = list === undefined ? undefined : children(schema, list)[0]
    if (element.converted_type !== 'LIST' || item === undefined) {
      return report(where, 'is a list feature but not a LIST column')
    }
    return featureProblems(schema, item, feature[0], `${where}[]`, report)
  }
  if (!isObject(feature)) return report(where, 'has no feature')
  if (feature._type === 'Image') {
    const fields = children(schema, at).map((c) => schema[c] as SchemaElement)
    const bytes = fields.find((f) => f.name === 'bytes')
    const path = fields.find((f) => f.name === 'path')
    if (fields.length !== 2 || bytes?.type !== 'BYTE_ARRAY' || path?.converted_type !== 'UTF8') {
      report(where, 'is not stored as struct<bytes: binary, path: string>')
    }
    return
  }
  if (feature._type === 'Value') {
    const expected = PHYSICAL[String(feature.dtype)]
    if (!expected)
      return report(where, `has dtype ${String(feature.dtype)}, which this check does not know`)
    const utf8 = element.converted_type === 'UTF8' || element.logical_type?.type === 'STRING'
    if (element.type !== expected.type || (expected.utf8 === true && !utf8)) {
      report(where, `is ${String(element.type)} but its feature says ${String(feature.dtype)}`)
    }
    return
  }
  if (typeof feature._type === 'string')
    return report(where, `has feature type ${feature._type}, which this check does not know`)
  structProblems(schema, at, feature, where, report)
}

function structProblems(
  schema: SchemaElement[],
  at: number,
  fields: Record<string, unknown>,
  where: string,
  report: Report
): void {
  const columns = children(schema, at)
  const names = columns.map((c) => (schema[c] as SchemaElement).name)
  if (JSON.stringify(Object.keys(fields)) !== JSON.stringify(names)) {
    return report(
      where,
      `has fields ${names.join(',')} but its features say ${Object.keys(fields).join(',')}`
    )
  }
  columns.forEach((column, i) => {
    const name = names[i] as string
    featureProblems(schema, column, fields[name], at === 0 ? name : `${where}.${name}`, report)
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
