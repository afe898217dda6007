import { createHash } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { ImageCheck } from './image-check'
import type { DecodeFacts } from './image-check'
import { ROW_RULES } from './format-rules'
import { readRows } from './dataset-readers'
import { DATASET_INFO_FILE, datasetInfoEntry } from './llamafactory-writer'
import { MANIFEST_FILE, Manifest } from './manifest'
import { parquetLayoutProblems } from './parquet-layout-check'

/** What a self-check found. `problems` lists the first 50; `problemCount` counts them all. */
export type CheckReport = {
  readonly ok: boolean
  readonly problems: string[]
  readonly problemCount: number
  readonly rows: number
  readonly imagesChecked: number
  /** Of `imagesChecked`, those proved by their hash to be content already known to decode. */
  readonly imagesKnownByHash: number
}

const LISTED = 50

/**
 * Re-reads an export folder and validates it against its format's rules and its manifest: every
 * row follows the format (placeholders equal images, roles alternate, answers present), every
 * image exists and decodes, row counts per split and in total match the manifest, every listed
 * file exists with its size (and data files with their SHA-256), and the Parquet files carry the
 * HF `Image` layout. Reads row by row, so it runs in bounded memory on any export size.
 * Image files are hashed against the manifest; with `facts`, content already known to decode is
 * not decoded again, and what decodes here is noted (see `ImageCheck`).
 */
export async function selfCheck(
  dir: string,
  signal?: AbortSignal,
  facts?: DecodeFacts
): Promise<CheckReport> {
  const problems: string[] = []
  let problemCount = 0
  const report = (problem: string): void => {
    problemCount++
    if (problems.length < LISTED) problems.push(problem)
  }
  const manifest = Manifest.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')))
  const rules = ROW_RULES[manifest.format]
  const listedImages = new Map(
    manifest.files
      .filter((file) => file.path.startsWith('images/'))
      .map((file) => [file.path, file.sha256])
  )
  const images = new ImageCheck(dir, report, listedImages, facts)
  let total = 0
  for (const [split, info] of Object.entries(manifest.splits)) {
    const file = join(dir, info.file)
    if (!existsSync(file)) {
      report(`${info.file} (split ${split}) does not exist`)
      continue
    }
    if (info.file.endsWith('.parquet')) {
      for (const problem of await parquetLayoutProblems(file, info.file)) report(problem)
    }
    let rows = 0
    for await (const item of readRows(file)) {
      signal?.throwIfAborted()
      rows++
      const where = `${info.file} row ${item.index}`
      if (item.error !== undefined) {
        report(`${where}: ${item.error}`)
        continue
      }
      const result = rules(item.row)
      for (const problem of result.problems) report(`${where}: ${problem}`)
      for (const image of result.record?.images ?? []) await images.add(image, where)
    }
    if (rows !== info.records) report(`${info.file}: ${rows} rows, manifest says ${info.records}`)
    total += rows
  }
  await images.done()
  if (total !== manifest.records) report(`${total} rows in all, manifest says ${manifest.records}`)
  await checkFiles(dir, manifest, report)
  if (manifest.format === 'llamafactory') await checkDatasetInfo(dir, manifest, report)
  return {
    ok: problemCount === 0,
    problems,
    problemCount,
    rows: total,
    imagesChecked: images.checked,
    imagesKnownByHash: images.knownByHash
  }
}

async function checkFiles(
  dir: string,
  manifest: Manifest,
  report: (p: string) => void
): Promise<void> {
  for (const entry of manifest.files) {
    const file = join(dir, entry.path)
    if (!existsSync(file)) {
      report(`${entry.path} is listed in the manifest but missing`)
      continue
    }
    if (statSync(file).size !== entry.bytes) {
      report(`${entry.path} has ${statSync(file).size} bytes, manifest says ${entry.bytes}`)
      continue
    }
    // Images the rows use were hashed above; data files are hashed here to prove the manifest is
    // theirs.
    if (!entry.path.startsWith('images/') && (await sha256File(file)) !== entry.sha256) {
      report(`${entry.path} does not match its SHA-256 in the manifest`)
    }
  }
}

async function checkDatasetInfo(
  dir: string,
  manifest: Manifest,
  report: (p: string) => void
): Promise<void> {
  const file = join(dir, DATASET_INFO_FILE)
  if (!existsSync(file)) return report(`${DATASET_INFO_FILE} is missing`)
  const info = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  for (const [split, entry] of Object.entries(manifest.splits)) {
    const expected = JSON.stringify(datasetInfoEntry(entry.file))
    if (JSON.stringify(info[`${manifest.name}_${split}`]) !== expected) {
      report(
        `${DATASET_INFO_FILE}: entry ${manifest.name}_${split} is missing or differs from ${expected}`
      )
    }
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
