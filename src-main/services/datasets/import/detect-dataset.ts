import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'

import type { ExportFormat } from '../../../../src-shared/contract/exports'
import { MANIFEST_FILE, Manifest } from '../export/manifest'
import { readParquetMetadata, readRows } from '../formats/dataset-readers'
import { DATASET_INFO_FILE } from '../formats/llamafactory/writer'

/** A dataset found on disk: its format, its root (where image paths resolve) and data files. */
export type DetectedDataset = {
  readonly format: ExportFormat
  readonly root: string
  readonly files: ReadonlyArray<{ readonly split: string; readonly path: string }>
  /** A Delta Studio export whose manifest names the text policy its texts went through. */
  readonly ownExport: boolean
}

/**
 * Finds the format and data files of a dataset folder or file. A Delta Studio export is read
 * through its manifest; a LLaMA-Factory folder through dataset_info.json (entries with
 * `ranking: true` and sharegpt formatting); otherwise `.parquet` / `.jsonl` / `.json` files are
 * classified by their columns (`conversations` → llamafactory, `prompt` → trl / trl-parquet,
 * `question` + `image` → rlaif-v). `format` forces the format. Throws naming what is missing.
 */
export async function detectDataset(
  source: string,
  format?: ExportFormat
): Promise<DetectedDataset> {
  if (!existsSync(source)) throw new Error(`${source} does not exist`)
  if (statSync(source).isFile()) {
    const detected = format ?? (await formatOfFile(source))
    const manifest = readManifest(dirname(source))
    return {
      format: detected,
      root: dirname(source),
      files: [{ split: splitOf(source), path: source }],
      ownExport: manifest?.textPolicy !== undefined
    }
  }
  const manifest = readManifest(source)
  if (manifest) {
    return {
      format: format ?? manifest.format,
      root: source,
      files: Object.entries(manifest.splits).map(([split, info]) => ({
        split,
        path: join(source, info.file)
      })),
      ownExport: manifest.textPolicy !== undefined
    }
  }
  const infoFile = join(source, DATASET_INFO_FILE)
  if (existsSync(infoFile)) {
    const info = readJson(infoFile) as Record<string, Record<string, unknown>>
    const files = Object.entries(info)
      .filter(([, entry]) => entry.ranking === true && typeof entry.file_name === 'string')
      .map(([name, entry]) => ({ split: name, path: join(source, entry.file_name as string) }))
      .filter((file) => existsSync(file.path))
    if (files.length === 0) throw new Error(`${infoFile} names no ranking dataset file that exists`)
    return { format: format ?? 'llamafactory', root: source, files, ownExport: false }
  }
  const dataFiles = listDataFiles(source)
  if (dataFiles.length === 0)
    throw new Error(`${source} holds no .parquet, .jsonl or .json data file`)
  const detected = format ?? (await formatOfFile(dataFiles[0] as string))
  return {
    format: detected,
    root: source,
    files: dataFiles.map((path) => ({ split: splitOf(relative(source, path)), path })),
    ownExport: false
  }
}

/** The manifest of a Delta Studio export in `dir`, or null. */
function readManifest(dir: string): Manifest | null {
  const file = join(dir, MANIFEST_FILE)
  if (!existsSync(file)) return null
  const parsed = Manifest.safeParse(readJson(file))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `${file} is not a Delta Studio manifest: ${issue?.path.join('.') || 'value'} ${issue?.message ?? ''}`.trim()
    )
  }
  return parsed.data
}

/** A JSON file's value; a file that does not parse is named in the error. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: invalid JSON (${(error as Error).message})`, { cause: error })
  }
}

function listDataFiles(dir: string, depth = 0): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (name.startsWith('.')) continue
    if (statSync(path).isDirectory()) {
      if (depth < 2 && name !== 'images') found.push(...listDataFiles(path, depth + 1))
    } else if (/\.(parquet|jsonl|json)$/.test(name)) found.push(path)
  }
  return found
}

function splitOf(path: string): string {
  const name = basename(path).replace(/\.(parquet|jsonl|json)$/, '')
  const match = /(train|validation|test)/.exec(name)
  return match ? (match[1] as string) : name
}

async function formatOfFile(file: string): Promise<ExportFormat> {
  let columns: string[]
  if (file.endsWith('.parquet')) {
    const metadata = await readParquetMetadata(file)
    columns = metadata.schema.slice(1).map((e) => e.name)
  } else {
    const first = await readRows(file).next()
    columns = first.value?.row ? Object.keys(first.value.row) : []
  }
  if (columns.length === 0) throw new Error(`${file}: no rows to tell its format from`)
  if (columns.includes('conversations') || columns.includes('messages')) return 'llamafactory'
  if (columns.includes('prompt')) return file.endsWith('.parquet') ? 'trl-parquet' : 'trl'
  if (columns.includes('question') && (columns.includes('image') || columns.includes('image_path')))
    return 'rlaif-v'
  throw new Error(
    `${file}: cannot tell its format from its columns (${columns.slice(0, 12).join(', ')})`
  )
}
