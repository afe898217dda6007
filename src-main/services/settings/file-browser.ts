import { readdirSync, realpathSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path'

import type { FileEntryDto } from '../../../src-shared/contract/settings'
import { RpcError } from '../../../src-shared/rpc/errors'

export type BrowseRoot = { readonly label: string; readonly path: string }

const MAX_ENTRIES = 2000

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

function real(path: string): string | null {
  try {
    return realpathSync(path)
  } catch {
    return null
  }
}

/** The folders browsing may start from: the user's home and the open project (resolved). */
export function browseRoots(projectDir: string | null): BrowseRoot[] {
  const roots: BrowseRoot[] = []
  const home = real(homedir())
  if (home) roots.push({ label: 'Home', path: home })
  const project = projectDir ? real(projectDir) : null
  if (project && !roots.some((r) => inside(r.path, project)))
    roots.push({ label: 'Project', path: project })
  return roots
}

/**
 * One folder's entries (folders first, then files, by name; hidden names left out), only when
 * the folder lies inside a root after resolving symlinks. An entry that is a symlink pointing
 * outside every root is left out too, so the listing never leads outside. Given a file, lists
 * the folder holding it.
 * @throws RpcError FORBIDDEN for a folder outside the roots, NOT_FOUND for a missing one.
 */
export function listFolder(dir: string, roots: readonly BrowseRoot[]) {
  const resolved = real(dir)
  if (!resolved) throw new RpcError('NOT_FOUND', `"${dir}" does not exist`)
  if (!roots.some((r) => inside(r.path, resolved)))
    throw new RpcError('FORBIDDEN', `"${dir}" is outside your home folder and the project`)
  // A file (the picker opened on a path already chosen) lists the folder that holds it.
  if (!statSync(resolved).isDirectory()) return listFolder(dirname(resolved), roots)
  const entries: FileEntryDto[] = []
  for (const name of readdirSync(resolved)) {
    if (name.startsWith('.')) continue
    const path = join(resolved, name)
    const target = real(path)
    if (!target || !roots.some((r) => inside(r.path, target))) continue
    try {
      const info = statSync(target)
      entries.push({
        name,
        path,
        kind: info.isDirectory() ? 'dir' : 'file',
        bytes: info.isDirectory() ? null : info.size
      })
    } catch {
      // Vanished or unreadable between listing and stat: not offered.
    }
    if (entries.length >= MAX_ENTRIES) break
  }
  entries.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1
  )
  const parent = dirname(resolved)
  return {
    dir: resolved,
    parent: parent !== resolved && roots.some((r) => inside(r.path, parent)) ? parent : null,
    name: basename(resolved),
    entries
  }
}
