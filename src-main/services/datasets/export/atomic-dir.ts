import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, rename, rm, rmdir } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'

import { RpcError } from '../../../../src-shared/rpc/errors'

/** A folder that becomes visible under its final name only when committed. */
export type StagingDir = {
  /** Where to write while the work runs (a hidden `.name.partial-*` sibling of the target). */
  readonly path: string
  /** The final folder. */
  readonly target: string
  /** Renames the staging folder onto the target in one step. */
  commit(): Promise<void>
  /** Removes the staging folder and everything in it; safe to call more than once. */
  discard(): Promise<void>
}

/**
 * Prepares an atomic output folder. The target must not exist or be an empty folder (CONFLICT
 * otherwise, so an export never mixes with or overwrites earlier files). The staging folder
 * sits beside the target, on the same file system, so the final rename is atomic; until then the
 * target does not exist, and a crash leaves only a hidden `.partial` folder.
 */
export async function createStagingDir(rawTarget: string): Promise<StagingDir> {
  const target = resolve(rawTarget)
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new RpcError('CONFLICT', `${target} already exists and is not empty; choose a new folder`)
  }
  await mkdir(dirname(target), { recursive: true })
  const path = join(
    dirname(target),
    `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`
  )
  await mkdir(path)
  let settled = false
  return {
    path,
    target,
    async commit() {
      if (settled) throw new Error('staging folder already committed or discarded')
      // An empty target folder (made by a person or a file picker) is replaced, not merged into.
      if (existsSync(target)) await rmdir(target)
      await rename(path, target)
      settled = true
    },
    async discard() {
      if (settled) return
      settled = true
      await rm(path, { recursive: true, force: true })
    }
  }
}
