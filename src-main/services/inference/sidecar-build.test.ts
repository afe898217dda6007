import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { resolveSidecarBinary } from './binary-resolution'
import {
  acquireBuildLock,
  bundleCommit,
  cachedBinaryPath,
  ensureSidecarBinary,
  sidecarCacheRoot
} from './sidecar-build'

const dir = mkdtempSync(join(tmpdir(), 'sidecar-build-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sidecar build cache', () => {
  it('keys the cache by the bundled commit and backend', () => {
    const commit = bundleCommit()
    expect(commit).toMatch(/^[0-9a-f]{40}$/)
    expect(cachedBinaryPath('cpu', commit)).toBe(
      join(sidecarCacheRoot(), `${commit.slice(0, 12)}-cpu`, 'llama-server')
    )
  })

  it(
    'ensureSidecarBinary returns an executable cached build (building it first if missing)',
    async () => {
      const first = await ensureSidecarBinary()
      expect(existsSync(first.path)).toBe(true)
      const second = await ensureSidecarBinary()
      expect(second).toMatchObject({ path: first.path, source: 'cache', backend: 'cpu' })
      expect(resolveSidecarBinary({ backend: 'cpu' })).toMatchObject({
        path: first.path,
        source: 'cache'
      })
    },
    30 * 60_000
  )

  it('serialises builders with a lock and takes over a stale one', async () => {
    const lock = join(dir, 'key.lock')
    const release = await acquireBuildLock(lock)
    let second = false
    const waiting = acquireBuildLock(lock).then((r) => ((second = true), r))
    await new Promise((r) => setTimeout(r, 1500))
    expect(second).toBe(false)
    release()
    ;(await waiting)()
    expect(existsSync(lock)).toBe(false)
    // A lock left by a process that no longer exists does not block.
    writeFileSync(lock, '999999999')
    const takeover = await acquireBuildLock(lock)
    takeover()
  })

  it('prefers a configured binary and refuses a non-executable one', () => {
    const notExec = join(dir, 'llama-server')
    writeFileSync(notExec, '')
    expect(() => resolveSidecarBinary({ configuredPath: notExec })).toThrow(/not executable/)
    expect(resolveSidecarBinary({ configuredPath: '/bin/sh' })).toEqual({
      path: '/bin/sh',
      source: 'configured',
      backend: null
    })
  })
})
