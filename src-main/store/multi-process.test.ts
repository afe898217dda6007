import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as yieldToEvents } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase } from '../db/open-database'
import { storeFor } from './store'
import { openTestStore } from './test-support/test-store'

const CHILD = fileURLToPath(new URL('./test-support/writer-child.ts', import.meta.url))

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ds-store-mp-'))
  file = join(dir, 'studio.db')
  openTestStore(300, file).db.close()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Starts the writer; `committed` holds every response id it reported as committed. */
function startWriter(mode: 'responses' | 'crash', ms = 0) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, mode, String(ms)], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const committed: number[] = []
  let stderr = ''
  let buffer = ''
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines)
      if (line.startsWith('committed ')) committed.push(Number(line.slice(10)))
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, committed, exited, stderr: () => stderr }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('store across processes', () => {
  it('lets the UI read, override and bulk-edit while a job writes: no SQLITE_BUSY reaches a caller', async () => {
    const store = storeFor(openDatabase(file))
    const writer = startWriter('responses', 3000)
    await until(() => writer.committed.length > 0, 20_000)
    const ids = store.db.prepare('SELECT id FROM pairs ORDER BY id').pluck().all() as number[]
    const errors: unknown[] = []
    let operations = 0
    let i = 0
    while (writer.child.exitCode === null) {
      try {
        const id = ids[i++ % ids.length]!
        store.query.page({ statuses: ['pending'] }, { key: 'judgeScore', dir: 'desc' }, null, 50)
        store.facets.counts({ tiers: [1] })
        store.changes.update(id, { op: i % 2 ? 'accept' : 'reject' })
        if (i % 10 === 0)
          store.changes.bulk({ filter: { tiers: [3] } }, { op: 'addTag', tag: `t${i}` })
        if (i % 7 === 0) store.events.undo()
        operations++
      } catch (error) {
        errors.push(error)
      }
      await yieldToEvents()
    }
    expect(await writer.exited, writer.stderr()).toBe(0)
    expect(errors).toEqual([])
    expect(operations).toBeGreaterThan(20)
    const max = Math.max(...writer.committed)
    const present = store.db.prepare(
      'SELECT COUNT(*) FROM responses WHERE id IN (SELECT value FROM json_each(?))'
    )
    expect(present.pluck().get(JSON.stringify(writer.committed))).toBe(writer.committed.length)
    expect(max).toBeGreaterThan(0)
    store.db.close()
  })

  it('survives SIGKILL mid-write: integrity ok and every reported commit present', async () => {
    const writer = startWriter('crash')
    await until(() => writer.committed.length >= 30, 30_000)
    writer.child.kill('SIGKILL')
    await writer.exited
    const reported = [...writer.committed]
    expect(reported.length).toBeGreaterThanOrEqual(30)

    const db = openDatabase(file)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(() =>
      db.prepare("INSERT INTO pairs_fts (pairs_fts) VALUES ('integrity-check')").run()
    ).not.toThrow()
    const present = db
      .prepare('SELECT COUNT(*) FROM responses WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .get(JSON.stringify(reported))
    expect(present).toBe(reported.length)
    // Transactions are all-or-nothing: responses come in whole batches of 20.
    const perRun = db
      .prepare(
        "SELECT COUNT(*) FROM responses r JOIN runs u ON u.id = r.run_id WHERE u.model LIKE 'writer-%'"
      )
      .pluck()
      .get() as number
    expect(perRun % 20).toBe(0)
    expect(perRun).toBeGreaterThanOrEqual(reported.length * 20)
    db.close()
  })
})
