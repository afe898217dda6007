import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { PayloadOf } from '../../src-shared/contract'
import { createClient } from '../../src-shared/rpc/client'
import type { Client } from '../../src-shared/rpc/client'
import type { RpcError } from '../../src-shared/rpc/errors'
import { createCore } from './compose'
import type { Core } from './compose'
import { storeFor } from '../store/store'
import { seedSynthetic } from '../store/test-support/synthetic'
import { createMemoryTransport } from '../transports/memory'

let root: string
let core: Core
let client: Client
const events: Array<PayloadOf<'pairs.changed'>> = []

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ds-pairs-'))
  core = createCore({ host: 'memory', projectDir: join(root, 'p') })
  seedSynthetic(storeFor(core.session.require().db), { samples: 120, seed: 3 })
  client = createClient(createMemoryTransport(core))
  client.on('pairs.changed', (payload) => events.push(payload))
})
afterAll(async () => {
  await core.dispose()
  rmSync(root, { recursive: true, force: true })
})

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: RpcError) => e.code
  )

describe('pairs.* over the contract', () => {
  it('lists a filtered page with a total, then the next page without one', async () => {
    const first = await client.call('pairs.list', { filter: { statuses: ['pending'] }, limit: 10 })
    expect(first.rows).toHaveLength(10)
    expect(first.rows.every((p) => p.status === 'pending')).toBe(true)
    expect(first.total).toBeGreaterThan(10)
    const second = await client.call('pairs.list', {
      filter: { statuses: ['pending'] },
      limit: 10,
      cursor: first.nextCursor
    })
    expect(second.total).toBeNull()
    expect(second.rows[0]!.id).toBeGreaterThan(first.rows[9]!.id)
  })

  it('validates inputs: limit ≤ 500, strict filters, bad cursors', async () => {
    expect(await codeOf(client.call('pairs.list', { limit: 501 }))).toBe('BAD_INPUT')
    expect(await codeOf(client.call('pairs.list', { filter: { colour: 'red' } as never }))).toBe(
      'BAD_INPUT'
    )
    expect(await codeOf(client.call('pairs.list', { cursor: 'nope' }))).toBe('BAD_INPUT')
    expect(await codeOf(client.call('pairs.get', { id: 999_999 }))).toBe('NOT_FOUND')
  })

  it('updates with optimistic versions, announces changes, and undoes', async () => {
    const [pair] = (
      await client.call('pairs.list', { filter: { statuses: ['pending'] }, limit: 1 })
    ).rows
    events.length = 0
    const updated = await client.call('pairs.update', {
      id: pair!.id,
      version: pair!.version,
      op: { op: 'accept' }
    })
    expect(updated.pair).toMatchObject({ status: 'accepted', version: pair!.version + 1 })
    expect(events).toEqual([
      {
        reason: 'update',
        ids: [pair!.id],
        versions: [updated.pair.version],
        batchId: updated.batchId
      }
    ])
    expect(
      await codeOf(
        client.call('pairs.update', { id: pair!.id, version: pair!.version, op: { op: 'reject' } })
      )
    ).toBe('CONFLICT')
    const history = await client.call('pairs.history', { id: pair!.id })
    expect(history.map((e) => e.action)).toEqual(['accept'])
    const undo = await client.call('pairs.undo', {})
    expect(undo).toMatchObject({ batchId: updated.batchId, affected: 1, ids: [pair!.id] })
    expect((await client.call('pairs.get', { id: pair!.id })).status).toBe('pending')
    expect((await client.call('pairs.undoState', {})).redo?.batchId).toBe(updated.batchId)
    await client.call('pairs.redo', {})
    expect((await client.call('pairs.get', { id: pair!.id })).status).toBe('accepted')
  })

  it('bulk-applies over a filter, counts facets, and pages neighbours', async () => {
    const filter = { tiers: [2 as const, 3 as const] }
    const facetsBefore = await client.call('pairs.facets', { filter })
    const bulk = await client.call('pairs.bulk', {
      target: { filter },
      op: { op: 'addTag', tag: 'multi' }
    })
    expect(bulk.affected).toBe(facetsBefore.total)
    expect(events.at(-1)).toMatchObject({ reason: 'bulk', batchId: bulk.batchId })
    const facets = await client.call('pairs.facets', { filter: { tags: ['multi'] } })
    expect(facets.total).toBe(bulk.affected)
    expect(facets.tags.find((t) => t.value === 'multi')?.count).toBe(bulk.affected)
    const page = await client.call('pairs.list', { filter, limit: 3 })
    const n = await client.call('pairs.neighbors', { id: page.rows[1]!.id, filter })
    expect(n).toMatchObject({ prev: page.rows[0]!.id, next: page.rows[2]!.id, position: 2 })
  })

  it('lists and gets samples', async () => {
    const page = await client.call('samples.list', { limit: 5 })
    expect(page.rows).toHaveLength(5)
    const sample = await client.call('samples.get', { id: page.rows[0]!.id })
    expect(sample.images.length).toBeGreaterThan(0)
  })

  it('answers NO_PROJECT when no project is open', async () => {
    const bare = createCore({ host: 'memory' })
    const bareClient = createClient(createMemoryTransport(bare))
    expect(await codeOf(bareClient.call('pairs.list', {}))).toBe('NO_PROJECT')
    await bare.dispose()
  })
})
