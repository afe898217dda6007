import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import type { ImportFormat } from '../../../src-shared/contract/ingest'

import { parseCsv } from './csv-parse'
import { utf8Lines } from './text-lines'
import type { TextLine } from './text-lines'

export const IMAGE_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif'
])

/** One row of a source, as written, before validation. `where` names it in errors. */
export type RawRow = { readonly where: string; readonly record: Record<string, unknown> }

export type ImportRows = {
  readonly format: Exclude<ImportFormat, 'auto'>
  /** Image paths resolve inside this folder only. */
  readonly baseDir: string
  readonly rows: RawRow[]
  /** Rows that could not even be parsed (bad JSON), with the reason. */
  readonly parseErrors: Array<{ where: string; reason: string }>
  /** Images of a folder source that no question row names (imported as images only). */
  readonly looseImages: string[]
  /** The questions file of a folder source, or null. */
  readonly questionsFile: string | null
}

/** Picks the format from the source: a folder, a .jsonl/.json file, or a .csv file. */
export function detectFormat(source: string): Exclude<ImportFormat, 'auto'> {
  if (statSync(source).isDirectory()) return 'folder'
  const ext = extname(source).toLowerCase()
  if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') return 'vqa-jsonl'
  if (ext === '.csv') return 'csv'
  throw new Error(`cannot tell the format of ${source}: expected a folder, .jsonl or .csv`)
}

function jsonlRows(file: string): Pick<ImportRows, 'rows' | 'parseErrors'> {
  const lines = utf8Lines(readFileSync(file))
  const notJsonLines = wholeFileJson(lines)
  if (notJsonLines) return { rows: [], parseErrors: [{ where: 'file', reason: notJsonLines }] }
  const rows: RawRow[] = []
  const parseErrors: ImportRows['parseErrors'] = []
  for (const line of lines) {
    const where = `line ${line.line}`
    if ('invalid' in line) {
      parseErrors.push({ where, reason: line.invalid })
      continue
    }
    if (line.text.trim() === '') continue
    try {
      const value = JSON.parse(line.text) as unknown
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        parseErrors.push({ where, reason: 'not a JSON object' })
      } else rows.push({ where, record: value as Record<string, unknown> })
    } catch (error) {
      parseErrors.push({ where, reason: `invalid JSON (${(error as Error).message})` })
    }
  }
  return { rows, parseErrors }
}

/**
 * Why a file given as JSON Lines is really one JSON document (an array of rows, or one object
 * spread over several lines), so it gets one error saying so instead of one per line; null when
 * it reads as JSON Lines.
 */
function wholeFileJson(lines: readonly TextLine[]): string | null {
  const texts = lines.map((line) => ('text' in line ? line.text : ''))
  const first = texts.find((text) => text.trim() !== '')?.trim()
  if (first === undefined) return null
  const advice = 'write one JSON object per line (for an array: jq -c ".[]")'
  if (first.startsWith('[')) return `this is a JSON array, not JSON Lines: ${advice}`
  if (!first.startsWith('{')) return null
  try {
    JSON.parse(first)
    return null
  } catch {
    try {
      JSON.parse(texts.join('\n'))
      return `this is one JSON document spread over several lines, not JSON Lines: ${advice}`
    } catch {
      return null
    }
  }
}

function csvRows(file: string): Pick<ImportRows, 'rows' | 'parseErrors'> {
  const data = readFileSync(file)
  // Lines that are not UTF-8 fail the rows they belong to; the rest parse from lossy text, whose
  // replacement characters then sit only in rows that are refused.
  const invalid = new Map(
    utf8Lines(data).flatMap((line) => ('invalid' in line ? [[line.line, line.invalid]] : []))
  )
  const [header, ...body] = parseCsv(new TextDecoder('utf-8').decode(data))
  if (!header) return { rows: [], parseErrors: [] }
  const headerProblem = invalid.get(header.line)
  if (headerProblem) throw new Error(`line ${header.line} (the header) is ${headerProblem}`)
  const names = header.fields.map((name) => name.trim().toLowerCase())
  const rows: RawRow[] = []
  const parseErrors: ImportRows['parseErrors'] = []
  body.forEach(({ line, fields }, index) => {
    const where = `line ${line}`
    const lastLine = (body[index + 1]?.line ?? Number.MAX_SAFE_INTEGER) - 1
    const bad = [...invalid.keys()].find((n) => n >= line && n <= lastLine)
    if (bad !== undefined) {
      const at = bad === line ? '' : ` (line ${bad} of the row)`
      parseErrors.push({ where, reason: `${invalid.get(bad)}${at}` })
    } else if (fields.length !== names.length) {
      parseErrors.push({ where, reason: fieldCountReason(fields.length, names.length) })
    } else {
      rows.push({ where, record: Object.fromEntries(names.map((name, i) => [name, fields[i]])) })
    }
  })
  return { rows, parseErrors }
}

function fieldCountReason(found: number, expected: number): string {
  const hint =
    found > expected
      ? ' (a field holding a comma must be quoted: "a, b")'
      : ' (every row needs a value, possibly empty, for each header column)'
  return `${found} field${found === 1 ? '' : 's'}, but the header has ${expected}${hint}`
}

/**
 * Reads a source into raw rows. A folder may hold `questions.jsonl` or `questions.csv`; its
 * images that no row names are listed in `looseImages`.
 */
export function readImportRows(source: string, format: ImportFormat): ImportRows {
  const resolved = format === 'auto' ? detectFormat(source) : format
  if (resolved === 'folder') {
    if (!statSync(source).isDirectory()) throw new Error(`${source} is not a folder`)
    const entries = readdirSync(source)
    const questions = ['questions.jsonl', 'questions.csv'].find((name) => entries.includes(name))
    const parsed = questions
      ? questions.endsWith('.csv')
        ? csvRows(join(source, questions))
        : jsonlRows(join(source, questions))
      : { rows: [], parseErrors: [] }
    const named = new Set(parsed.rows.flatMap((row) => imagePathsOf(row.record)))
    const images = entries.filter((name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase()))
    if (images.length === 0 && !questions) {
      throw new Error(
        `folder "${source}" holds no images (${[...IMAGE_EXTENSIONS].join(', ')}) and no questions.jsonl or questions.csv`
      )
    }
    const looseImages = images.filter((name) => !named.has(name)).sort()
    return {
      questionsFile: questions ?? null,
      format: 'folder',
      baseDir: source,
      ...parsed,
      rows: parsed.rows.map((row) => ({ ...row, where: `${questions} ${row.where}` })),
      parseErrors: parsed.parseErrors.map((e) => ({ ...e, where: `${questions} ${e.where}` })),
      looseImages
    }
  }
  const parsed = resolved === 'csv' ? csvRows(source) : jsonlRows(source)
  return {
    format: resolved,
    baseDir: dirname(source),
    ...parsed,
    looseImages: [],
    questionsFile: null
  }
}

const IMAGE_KEYS = ['images', 'image', 'image_path', 'img_path', 'image_paths', 'file']

/**
 * The image paths a row names, in order: an `images` array, or one path (a CSV cell may list
 * several separated by `;` or `|`). Empty when the row names none.
 */
export function imagePathsOf(record: Record<string, unknown>): string[] {
  for (const key of IMAGE_KEYS) {
    const value = record[key]
    if (Array.isArray(value)) return value.map(String).filter((p) => p.trim() !== '')
    if (typeof value === 'string' && value.trim() !== '') {
      return value
        .split(/[;|]/)
        .map((p) => p.trim())
        .filter(Boolean)
    }
  }
  return []
}

export { IMAGE_KEYS }
