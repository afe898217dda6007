import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { ParquetWriter, fileWriter } from 'hyparquet-writer'
import type { SchemaElement } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'

import {
  RLAIF_V_FEATURES,
  RLAIF_V_SCHEMA,
  TRL_PARQUET_FEATURES,
  TRL_PARQUET_SCHEMA,
  hfMetadata
} from '../formats/hf-parquet-schema'
import { parquetLayoutProblems } from './parquet-layout-check'

async function write(schema: SchemaElement[], metadata: Record<string, string>): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'ds-pq-')), 'x.parquet')
  const writer = new ParquetWriter({
    writer: fileWriter(file),
    schema,
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value }))
  })
  await writer.finish()
  return file
}

describe('parquetLayoutProblems', () => {
  it('accepts the trl-parquet and rlaif-v layouts (HF Image = struct<bytes, path>)', async () => {
    expect(
      await parquetLayoutProblems(
        await write(TRL_PARQUET_SCHEMA, hfMetadata(TRL_PARQUET_FEATURES)),
        't'
      )
    ).toEqual([])
    expect(
      await parquetLayoutProblems(await write(RLAIF_V_SCHEMA, hfMetadata(RLAIF_V_FEATURES)), 'r')
    ).toEqual([])
  })

  it('rejects an Image column stored as plain bytes, and missing features metadata', async () => {
    const schema: SchemaElement[] = [
      { name: 'schema', num_children: 1 },
      { name: 'image', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' }
    ]
    expect(
      await parquetLayoutProblems(
        await write(schema, hfMetadata({ image: { _type: 'Image' } })),
        'f'
      )
    ).toEqual(['f: image is not stored as struct<bytes: binary, path: string>'])
    expect(await parquetLayoutProblems(await write(schema, {}), 'f')).toEqual([
      'f: no "huggingface" features metadata'
    ])
    expect(
      await parquetLayoutProblems(
        await write(schema, hfMetadata({ picture: { _type: 'Image' } })),
        'f'
      )
    ).toEqual(['f: the file has fields image but its features say picture'])
  })

  it('rejects a Value whose dtype is not the column type, and a struct with other fields', async () => {
    const schema: SchemaElement[] = [
      { name: 'schema', num_children: 2 },
      { name: 'tier', type: 'INT32', repetition_type: 'OPTIONAL' },
      { name: 'meta', repetition_type: 'OPTIONAL', num_children: 1 },
      { name: 'a', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }
    ]
    const string = { _type: 'Value', dtype: 'string' }
    expect(
      await parquetLayoutProblems(
        await write(schema, hfMetadata({ tier: string, meta: { a: string, b: string } })),
        'f'
      )
    ).toEqual([
      'f: tier is INT32 but its feature says string',
      'f: meta has fields a but its features say a,b'
    ])
  })
})
