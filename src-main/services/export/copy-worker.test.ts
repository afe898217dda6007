import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { deltaExportExtension } from '../../native/delta-export-extension'
import { CopyWorker } from './copy-worker'
import type { FileCopier } from './copy-worker'
import { NativeCopier } from './native-copier'

const extension = deltaExportExtension()
const copiers: Array<[string, (concurrency: number) => FileCopier]> = [
  ['CopyWorker', (concurrency) => new CopyWorker(concurrency)],
  ['NativeCopier', (concurrency) => new NativeCopier(extension as string, concurrency)]
]

describe.each(copiers)('%s', (_name, newCopier) => {
  it('copies files byte for byte, and names a missing source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-copy-'))
    const sources = [0, 1, 2, 3, 4].map((i) => {
      const file = join(dir, `in-${i}`)
      writeFileSync(file, 'x'.repeat(100 + i))
      return file
    })
    const worker = newCopier(2)
    await Promise.all(sources.map((file, i) => worker.copy(file, join(dir, `out-${i}`))))
    for (const i of [0, 1, 2, 3, 4]) {
      expect(readFileSync(join(dir, `out-${i}`), 'utf8')).toBe('x'.repeat(100 + i))
    }
    await worker.stop(new Error('done'))
    await expect(worker.copy(sources[0] as string, join(dir, 'late'))).rejects.toThrow(
      /stopped|done/
    )
    expect(existsSync(join(dir, 'late'))).toBe(false)
    const another = newCopier(2)
    await expect(another.copy(join(dir, 'missing'), join(dir, 'out-x'))).rejects.toThrow(
      /ENOENT.*missing|cannot open .*missing: No such file or directory/
    )
    await another.stop(new Error('done'))
  })

  it('rejects the copies it drops when stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-copy-'))
    const source = join(dir, 'in')
    writeFileSync(source, Buffer.alloc(1 << 20))
    const worker = newCopier(1)
    const copies = Array.from({ length: 50 }, (_, i) => worker.copy(source, join(dir, `out-${i}`)))
    const settled = Promise.allSettled(copies)
    await copies[0]
    await worker.stop(new Error('export aborted'))
    const results = await settled
    // Whatever had started finished; everything else was dropped with the reason.
    expect(results[0]?.status).toBe('fulfilled')
    expect(results.some((r) => r.status === 'rejected')).toBe(true)
    for (const r of results) {
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/export aborted/)
    }
  })
})
