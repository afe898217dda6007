import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { deltaExportExtension } from '../../native/delta-export-extension'
import { NATIVE_COPY_NICE, NativeCopier } from './native-copier'

const extension = deltaExportExtension() as string
let copier: NativeCopier | null = null

afterEach(async () => {
  await copier?.stop(new Error('test over'))
  copier = null
})

/** The nice value of each of this process's threads (Linux: field 19 of /proc/.../stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[16])
  })
}

describe('NativeCopier', () => {
  it('copies files larger than one in-kernel copy step, byte for byte, with their mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-native-copy-'))
    const bytes = randomBytes(5 * 1024 * 1024 + 17)
    writeFileSync(join(dir, 'big'), bytes, { mode: 0o640 })
    writeFileSync(join(dir, 'empty'), '')
    copier = new NativeCopier(extension, 2)
    await copier.copy(join(dir, 'big'), join(dir, 'big-copy'))
    await copier.copy(join(dir, 'empty'), join(dir, 'empty-copy'))
    expect(readFileSync(join(dir, 'big-copy')).equals(bytes)).toBe(true)
    expect(statSync(join(dir, 'big-copy')).mode & 0o777).toBe(0o640)
    expect(readFileSync(join(dir, 'empty-copy'))).toHaveLength(0)
  })

  // From tmpfs to the disk, where the kernel refuses an in-kernel copy across file system types
  // (EXDEV): the copy falls back to reading and writing.
  const shm = '/dev/shm'
  it.runIf(existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev)(
    'copies across file systems',
    async () => {
      const from = mkdtempSync(join(shm, 'ds-native-copy-'))
      const dir = mkdtempSync(join(tmpdir(), 'ds-native-copy-'))
      const bytes = randomBytes(700 * 1024 + 3)
      writeFileSync(join(from, 'in'), bytes)
      copier = new NativeCopier(extension, 1)
      await copier.copy(join(from, 'in'), join(dir, 'out'))
      rmSync(from, { recursive: true })
      expect(readFileSync(join(dir, 'out')).equals(bytes)).toBe(true)
    }
  )

  it('never writes over a file that exists, and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-native-copy-'))
    writeFileSync(join(dir, 'in'), 'new bytes')
    writeFileSync(join(dir, 'taken'), 'old bytes')
    copier = new NativeCopier(extension, 1)
    await expect(copier.copy(join(dir, 'in'), join(dir, 'taken'))).rejects.toThrow(
      /cannot create .*taken: File exists/
    )
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('old bytes')
  })

  it('starts no copy after one fails, and rejects the rest with that failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-native-copy-'))
    writeFileSync(join(dir, 'in'), Buffer.alloc(256 * 1024))
    copier = new NativeCopier(extension, 1)
    const first = copier.copy(join(dir, 'missing'), join(dir, 'out-missing'))
    const rest = Array.from({ length: 40 }, (_, i) =>
      copier?.copy(join(dir, 'in'), join(dir, `out-${i}`))
    )
    const results = await Promise.allSettled([first, ...rest])
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    for (const r of results) {
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/cannot open .*missing/)
    }
    // One thread, and the failure came first: no later copy started.
    expect(readdirSync(dir).filter((name) => name.startsWith('out-'))).toEqual([])
    expect(existsSync(join(dir, 'out-missing'))).toBe(false)
  })

  it.runIf(process.platform === 'linux')('copies on threads at a lowered priority', async () => {
    const before = threadNiceValues().filter((nice) => nice === NATIVE_COPY_NICE).length
    copier = new NativeCopier(extension, 3)
    const dir = mkdtempSync(join(tmpdir(), 'ds-native-copy-'))
    writeFileSync(join(dir, 'in'), 'x')
    // A copy done proves the threads are up and have set their priority.
    await Promise.all([0, 1, 2].map((i) => copier?.copy(join(dir, 'in'), join(dir, `out-${i}`))))
    const niced = threadNiceValues().filter((nice) => nice === NATIVE_COPY_NICE).length
    expect(niced - before).toBe(3)
    expect(threadNiceValues()).toContain(0)
    await copier.stop(new Error('done'))
    expect(threadNiceValues().filter((nice) => nice === NATIVE_COPY_NICE)).toHaveLength(before)
  })
})
