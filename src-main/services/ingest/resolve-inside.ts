import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * Resolves `path` (relative to `baseDir`, or absolute) and returns the real file path only when
 * it lies inside `baseDir` after following symlinks.
 * @throws Error naming the path when it escapes the folder, is a URL, or does not exist.
 */
export function resolveInside(baseDir: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new Error(`"${path}" is a URL; only files inside the source folder can be imported`)
  }
  const root = realpathSync(baseDir)
  const candidate = isAbsolute(path) ? path : resolve(baseDir, path)
  let real: string
  try {
    real = realpathSync(candidate)
  } catch {
    throw new Error(`image "${path}" does not exist`)
  }
  const rel = relative(root, real)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new Error(`image "${path}" is outside the source folder`)
  }
  return real
}
