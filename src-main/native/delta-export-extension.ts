import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'

import { appRoot, userCacheDir } from '../platform/paths'

/** The C sources of the export's SQLite extension (see delta-export.c's header comment). */
const SOURCES = [
  'delta-export.c',
  'sha256.c',
  'json-text.c',
  'plan-tables.c',
  'export-plan.c',
  'plan-emit.c',
  'file-copy.c'
]
const HEADERS = ['delta-export.h', 'export-plan.h', 'value-bytes.h']

function nativeFile(name: string): string {
  return join(appRoot(), 'native', name)
}

/** `sqlite3ext.h`, from the SQLite that better-sqlite3 builds from source. */
function sqliteHeaderDir(): string {
  return join(appRoot(), 'node_modules', 'better-sqlite3', 'deps', 'sqlite3')
}

/** `DELTA_STUDIO_NATIVE_EXPORT=0` turns the extension off: exports take the JavaScript path. */
export function nativeExportDisabled(): boolean {
  return process.env.DELTA_STUDIO_NATIVE_EXPORT === '0'
}

const SUFFIX: Partial<Record<NodeJS.Platform, string>> = { linux: 'so', darwin: 'dylib' }

/**
 * Where the build for these sources lives: `<cache>/native/<hash>/deltaexport.<so|dylib>`,
 * keyed by the C sources, SQLite's header, platform and architecture, so an edit or another
 * SQLite gets a build of its own. (The file name sets SQLite's entry point,
 * `sqlite3_deltaexport_init`.)
 */
function cachedPath(suffix: string): string {
  const hash = createHash('sha256')
  for (const name of [...SOURCES, ...HEADERS]) {
    hash.update(name).update(readFileSync(nativeFile(name)))
  }
  const key = hash
    .update(readFileSync(join(sqliteHeaderDir(), 'sqlite3ext.h')))
    .update(`${process.platform}-${process.arch}`)
    .digest('hex')
    .slice(0, 16)
  return join(userCacheDir(), 'native', key, `deltaexport.${suffix}`)
}

let resolved: { path: string | null; reason: string | null } | undefined

/**
 * The export extension's shared library, compiled on first use with the system's C compiler
 * (`CC`, else `cc`; under a second on 2 cores) into the user cache, like the llama-server
 * sidecar. Returns null, with the reason in `nativeExportUnavailable`, where it is turned off,
 * the platform has no build recipe, or there is no working compiler: exports then take the
 * JavaScript path, which writes the same bytes more slowly. Decided once per process.
 */
export function deltaExportExtension(): string | null {
  if (nativeExportDisabled()) return null
  resolved ??= locate()
  return resolved.path
}

/** Why `deltaExportExtension` returned null (null when it did not). */
export function nativeExportUnavailable(): string | null {
  if (nativeExportDisabled()) return 'turned off by DELTA_STUDIO_NATIVE_EXPORT=0'
  deltaExportExtension()
  return resolved?.reason ?? null
}

function locate(): { path: string | null; reason: string | null } {
  const suffix = SUFFIX[process.platform]
  if (!suffix) return { path: null, reason: `no build recipe for ${process.platform}` }
  try {
    const target = cachedPath(suffix)
    if (!existsSync(target)) compile(target)
    return { path: target, reason: null }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { path: null, reason: `the export extension could not be built: ${reason}` }
  }
}

function compile(target: string): void {
  const dir = join(target, '..')
  mkdirSync(dir, { recursive: true })
  // Built beside the target and renamed, so a concurrent process never loads half a file.
  const partial = `${target}.${process.pid}.partial`
  try {
    execFileSync(
      process.env.CC || 'cc',
      [
        '-O2',
        '-shared',
        '-fPIC',
        '-pthread',
        '-I',
        sqliteHeaderDir(),
        ...SOURCES.map(nativeFile),
        '-o',
        partial
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 }
    )
    renameSync(partial, target)
  } finally {
    rmSync(partial, { force: true })
  }
}
