import type { SchemaElement } from 'hyparquet-writer'

/**
 * Parquet schemas in the layout Hugging Face `datasets` writes (Arrow via pyarrow): lists are
 * three-level `LIST` groups (`list` / `element`), an `Image` is `struct<bytes: binary, path:
 * string>`, and the features sit in the file's key-value metadata under `huggingface`, which is
 * what makes `load_dataset("parquet", …)` decode the image column instead of showing raw structs.
 */

const string = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL'
})

const int32 = (name: string): SchemaElement => ({
  name,
  type: 'INT32',
  repetition_type: 'OPTIONAL'
})

const double = (name: string): SchemaElement => ({
  name,
  type: 'DOUBLE',
  repetition_type: 'OPTIONAL'
})

const struct = (name: string, children: SchemaElement[][]): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', num_children: children.length },
  ...children.flat()
]

const list = (name: string, element: SchemaElement[]): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  ...element
]

const image = (name: string): SchemaElement[] =>
  struct(name, [
    [{ name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' }],
    [string('path')]
  ])

const messages = (name: string): SchemaElement[] =>
  list(
    name,
    struct('element', [
      list('content', struct('element', [[string('text')], [string('type')]])),
      [string('role')]
    ])
  )

const root = (columns: SchemaElement[][]): SchemaElement[] => [
  { name: 'schema', num_children: columns.length },
  ...columns.flat()
]

const value = (dtype: string): Record<string, string> => ({ dtype, _type: 'Value' })
const messagesFeature = [
  { content: [{ text: value('string'), type: value('string') }], role: value('string') }
]

/** Columns of the `trl-parquet` format, in order. */
export const TRL_PARQUET_SCHEMA = root([
  [string('id')],
  messages('prompt'),
  messages('chosen'),
  messages('rejected'),
  list('images', image('element')),
  [int32('tier')]
])

/**
 * HF features of `trl-parquet`. Lists use the plain-list form (`[feature]`), which `datasets`
 * reads both before 4.0 (a list of features) and from 4.0 on (`List`).
 */
export const TRL_PARQUET_FEATURES = {
  id: value('string'),
  prompt: messagesFeature,
  chosen: messagesFeature,
  rejected: messagesFeature,
  images: [{ _type: 'Image' }],
  tier: value('int32')
}

/** Columns of the `rlaif-v` format: the RLAIF-V card's, then Delta Studio's provenance. */
export const RLAIF_V_SCHEMA = root([
  [string('ds_name')],
  image('image'),
  [string('question')],
  [string('chosen')],
  [string('rejected')],
  [string('origin_dataset')],
  [string('origin_split')],
  [string('idx')],
  [string('image_path')],
  [string('image_tokens')],
  [int32('tier')],
  [string('origin')],
  [double('judge_score')],
  [int32('delta_tokens')]
])

export const RLAIF_V_FEATURES = {
  ds_name: value('string'),
  image: { _type: 'Image' },
  question: value('string'),
  chosen: value('string'),
  rejected: value('string'),
  origin_dataset: value('string'),
  origin_split: value('string'),
  idx: value('string'),
  image_path: value('string'),
  image_tokens: value('string'),
  tier: value('int32'),
  origin: value('string'),
  judge_score: value('float64'),
  delta_tokens: value('int32')
}

/** The `huggingface` key-value metadata entry for a set of features. */
export function hfMetadata(features: Record<string, unknown>): Record<string, string> {
  return { huggingface: JSON.stringify({ info: { features } }) }
}
