import { describe, expect, it } from 'vitest'

import {
  LineRing,
  RESTART_BACKOFF,
  STABLE_UPTIME_MS,
  backoffDelayMs,
  classifyHealth,
  decideAfterExit,
  isRetryableStatus,
  restartsAfterReady
} from './readiness'

describe('readiness rules', () => {
  it('backs off exponentially up to the cap', () => {
    const b = { baseMs: 100, factor: 2, maxMs: 1000 }
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelayMs(n, b))).toEqual([
      100, 200, 400, 800, 1000, 1000
    ])
  })

  it('reads /health: 503 loading, 200 ok ready, anything else unexpected', () => {
    expect(classifyHealth(503, '{"error":{"message":"Loading model"}}')).toBe('loading')
    expect(classifyHealth(200, '{"status":"ok"}')).toBe('ready')
    expect(classifyHealth(200, '<html>')).toBe('unexpected')
    expect(classifyHealth(404, '')).toBe('unexpected')
  })

  it('restarts a crash with backoff, gives up after the limit or a load failure, ignores a stop', () => {
    const base = { stopping: false, restarts: 0, maxRestarts: 3, everReady: true }
    expect(decideAfterExit({ ...base, stopping: true })).toEqual({ action: 'stopped' })
    expect(decideAfterExit(base)).toEqual({
      action: 'restart',
      attempt: 1,
      delayMs: RESTART_BACKOFF.baseMs
    })
    expect(decideAfterExit({ ...base, restarts: 2 })).toMatchObject({
      action: 'restart',
      attempt: 3,
      delayMs: 2000
    })
    expect(decideAfterExit({ ...base, restarts: 3 })).toMatchObject({ action: 'give-up' })
    expect(decideAfterExit({ ...base, everReady: false })).toMatchObject({ action: 'give-up' })
  })

  it('refills the restart budget after a stable run', () => {
    expect(restartsAfterReady(2, 1000)).toBe(2)
    expect(restartsAfterReady(2, STABLE_UPTIME_MS)).toBe(0)
  })

  it('retries 5xx, 408 and 429 only', () => {
    expect([500, 503, 408, 429].every(isRetryableStatus)).toBe(true)
    expect([400, 401, 404].some(isRetryableStatus)).toBe(false)
  })

  it('keeps the last lines of the log', () => {
    const ring = new LineRing(3)
    for (const line of ['a', 'b', 'c', 'd']) ring.push(line)
    expect(ring.tail()).toEqual(['b', 'c', 'd'])
    expect(ring.tail(2)).toEqual(['c', 'd'])
  })
})
