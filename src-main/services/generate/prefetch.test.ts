import { describe, expect, it } from 'vitest'

import { prefetch } from './prefetch'

describe('prefetch', () => {
  it('hands each item to exactly one concurrent caller, in order, then undefined', async () => {
    async function* source() {
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 1))
        yield i
      }
    }
    const queue = prefetch(source(), 3)
    const got = await Promise.all(Array.from({ length: 12 }, () => queue.next()))
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, undefined, undefined])
  })

  it('reads ahead at most `ahead` items before anyone asks', async () => {
    let produced = 0
    async function* source() {
      for (let i = 0; i < 100; i++) {
        produced++
        yield i
      }
    }
    const queue = prefetch(source(), 4)
    expect(await queue.next()).toBe(0)
    await new Promise((r) => setTimeout(r, 10))
    expect(produced).toBeLessThanOrEqual(6)
  })

  it('rejects callers when the source fails', async () => {
    async function* source() {
      yield 1
      throw new Error('disk gone')
    }
    const queue = prefetch(source(), 2)
    expect(await queue.next()).toBe(1)
    await expect(queue.next()).rejects.toThrow('disk gone')
  })
})
