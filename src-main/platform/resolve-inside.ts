import { realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The one containment rule of every importer (folder and VQA import, dataset import): resolves
 * `path` (relative to `baseDir`, or absolute) and returns the real file path only when, after
 * following every symlink, it is a regular file inside `baseDir`. A link pointing out of the
 * folder, a URL, a FIFO or device (whose read would block or never end) and a folder are refused.
 * @throws Error naming the path and the reason.
 */
export function resolveInside(baseDir: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    throw new Error(`"${path}" is a URL; only files inside the source folder can be imported`)
  }
  const root = realpathSync(baseDir)
  const candidate = isAbsolute(path) ? path : resolve(baseDir, path)
  // A path that leaves the folder as written is refused as such, whether or not it exists.
  if (isOutside(relative(resolve(baseDir), candidate)) && isOutside(relative(root, candidate))) {
    throw new Error(`image "${path}" is outside the source folder`)
  }
  let real: string
  try {
    real = realpathSync(candidate)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ELOOP'
        ? 'is a loop of symbolic links'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : 'does not exist'
    throw new Error(`image "${path}" ${reason}`, { cause: error })
  }
  const rel = relative(root, real)
  if (rel === '' || isOutside(rel)) {
    throw new Error(`image "${path}" is outside the source folder`)
  }
  if (!statSync(real).isFile()) {
    throw new Error(`image "${path}" is not a regular file`)
  }
  return real
}

const isOutside = (rel: string): boolean =>
  rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)
