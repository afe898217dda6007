import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let cachedRoot: string | undefined

/**
 * The studio's install root (the folder with its package.json), found by walking up from this
 * module, so it is right both from sources (tsx) and from the bundle in out/main.
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && readPackageName(manifest) === 'delta-studio') break
    const parent = dirname(dir)
    if (parent === dir) throw new Error('Cannot find the delta-studio package root')
    dir = parent
  }
  cachedRoot = dir
  return dir
}

function readPackageName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
  } catch {
    return undefined
  }
}

/** The built renderer served in browser mode. */
export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer')
}

export function resourcesDir(): string {
  return join(appRoot(), 'resources')
}

/** Per-user cache outside any clone (sidecar builds, test models); XDG_CACHE_HOME honoured. */
export function userCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'delta-studio')
}

/** Per-user settings (app-level, not per project); XDG_CONFIG_HOME honoured. */
export function userConfigDir(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'delta-studio')
}
