import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'

import { readRows } from '../formats/dataset-readers'
import { ROW_RULES } from '../formats/format-rules'
import { DATASET_INFO_FILE, datasetInfoEntry } from '../formats/llamafactory/writer'
import { LOAD_CHECKS } from '../formats/load-checks'
import { ImageCheck } from './image-check'
import { sha256File } from './image-sink'
import { MANIFEST_FILE, Manifest } from './manifest'
import { parquetLayoutProblems } from './parquet-layout-check'

/** What a self-check found. `problems` lists the first 50; `problemCount` counts them all. */
export type CheckReport = {
  readonly ok: boolean
  readonly problems: string[]
  readonly problemCount: number
  readonly rows: number
  readonly imagesChecked: number
  /** Of `imagesChecked`, those decoded (the rest were proved by their hash). */
  readonly imagesDecoded: number
}

const LISTED = 50
/** Rows checked between two turns of the event loop. */
const ROWS_PER_TURN = 256

/**
 * Re-reads an export folder and validates it against its format's rules, its training stack's
 * loading rules (`LOAD_CHECKS`) and its manifest: every row parses as the format (placeholders
 * equal images, roles alternate, answers present) and would load in the stack, every image
 * exists and is sound, row counts per split and in total match the manifest, every listed file
 * exists with its size and SHA-256, and the Parquet files' HF features match their schema.
 * Reads row by row, so it runs in bounded memory on any export size. Images in `verbatim` (the
 * project's own bytes, see `ImageSink`) are proved by their hash (read back after the copy
 * where `proved` has it, else here); the rest are decoded.
 */
export async function selfCheck(
  dir: string,
  hooks: {
    signal?: AbortSignal | undefined
    verbatim?: ReadonlySet<string>
    /** Files hashed right after they were written (`ImageSink.proved`). */
    proved?: ReadonlyMap<string, string>
    /**
     * For a check that starts while images are still being copied: settles once the listed
     * file at a relative path is written (`ImageSink.whenWritten`).
     */
    whenWritten?: (rel: string) => Promise<void>
  } = {}
): Promise<CheckReport> {
  const { signal } = hooks
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
  const images = new ImageCheck(
    dir,
    report,
    listedImages,
    hooks.verbatim,
    hooks.proved,
    hooks.whenWritten
  )
  const loads = LOAD_CHECKS[manifest.format]
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
      // Lines come from a buffer without a turn of the event loop: give I/O one now and then
      // (image copies may still be landing, see `whenWritten`).
      if (++rows % ROWS_PER_TURN === 0) await nextTurn()
      const where = `${info.file} row ${item.index}`
      if (item.error !== undefined) {
        report(`${where}: ${item.error}`)
        continue
      }
      const result = rules(item.row)
      for (const problem of result.problems) report(`${where}: ${problem}`)
      for (const problem of loads(item.row)) report(`${where}: ${problem}`)
      for (const image of result.record?.images ?? []) await images.add(image, where)
    }
    if (rows !== info.records) report(`${info.file}: ${rows} rows, manifest says ${info.records}`)
    total += rows
  }
  await images.done()
  if (total !== manifest.records) report(`${total} rows in all, manifest says ${manifest.records}`)
  await checkFiles(dir, manifest, images.hashed, report, hooks.whenWritten)
  if (manifest.format === 'llamafactory') await checkDatasetInfo(dir, manifest, report)
  return {
    ok: problemCount === 0,
    problems,
    problemCount,
    rows: total,
    imagesChecked: images.checked,
    imagesDecoded: images.decoded
  }
}

async function checkFiles(
  dir: string,
  manifest: Manifest,
  checkedImages: ReadonlySet<string>,
  report: (p: string) => void,
  whenWritten?: (rel: string) => Promise<void>
): Promise<void> {
  for (const entry of manifest.files) {
    const file = join(dir, entry.path)
    if (whenWritten && !checkedImages.has(entry.path)) await whenWritten(entry.path)
    const size = statSync(file, { throwIfNoEntry: false })?.size
    if (size === undefined) {
      report(`${entry.path} is listed in the manifest but missing`)
      continue
    }
    if (size !== entry.bytes) {
      report(`${entry.path} has ${size} bytes, manifest says ${entry.bytes}`)
      continue
    }
    // Images the rows use were hashed above; the rest are hashed here.
    if (!checkedImages.has(entry.path) && (await sha256File(file)) !== entry.sha256) {
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
