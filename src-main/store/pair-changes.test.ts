import { beforeEach, describe, expect, it } from 'vitest'

import type { RpcError } from '../../src-shared/rpc/errors'
import type { Store } from './store'
import { openTestStore } from './test-support/test-store'

let store: Store
let ids: number[]

beforeEach(() => {
  store = openTestStore(200)
  // Pending, unswapped, unedited pairs: every op below changes them.
  ids = store.db
    .prepare(
      `SELECT id FROM pairs WHERE swapped = 0 AND chosen_edit IS NULL AND status = 'pending'
       ORDER BY id`
    )
    .pluck()
    .all() as number[]
})

const dto = (id: number) => store.pairs.dtos([id])[0]!
const search = (text: string) =>
  store.query.page({ text }, { key: 'id', dir: 'asc' }, null, 500).ids

describe('single-pair changes', () => {
  it('accepts, bumps the version, and writes one event with before and after', () => {
    const id = store.db
      .prepare("SELECT id FROM pairs WHERE status = 'pending' LIMIT 1")
      .pluck()
      .get() as number
    const v = dto(id).version
    const { batchId } = store.changes.update(id, { op: 'accept' }, v)
    expect(batchId).toBeTruthy()
    expect(dto(id)).toMatchObject({ status: 'accepted', version: v + 1 })
    const history = store.events.history(id)
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({
      batchId,
      action: 'accept',
      before: { status: 'pending' },
      after: { status: 'accepted' },
      actor: 'user',
      undone: false
    })
  })

  it('writes nothing for a change that changes nothing', () => {
    const id = ids[0]!
    store.changes.update(id, { op: 'reject' })
    const version = dto(id).version
    expect(store.changes.update(id, { op: 'reject' }).batchId).toBeNull()
    expect(dto(id).version).toBe(version)
    expect(store.events.history(id)).toHaveLength(1)
  })

  it('refuses a stale version with CONFLICT and an unknown pair with NOT_FOUND', () => {
    const id = ids[0]!
    const v = dto(id).version
    store.changes.update(id, { op: 'setNote', note: 'first' }, v)
    const error = (() => {
      try {
        store.changes.update(id, { op: 'setNote', note: 'second' }, v)
      } catch (e) {
        return e
      }
    })() as RpcError
    expect(error.code).toBe('CONFLICT')
    expect(dto(id).note).toBe('first')
    expect(() => store.changes.update(999_999, { op: 'accept' })).toThrow(/does not exist/)
  })

  it('swaps the shown answers and every per-answer figure', () => {
    const id = ids[0]!
    const before = dto(id)
    store.changes.update(id, { op: 'swap' })
    const after = dto(id)
    expect(after).toMatchObject({
      swapped: true,
      chosen: before.rejected,
      rejected: before.chosen,
      chosenTokens: before.rejectedTokens,
      rejectedTokens: before.chosenTokens,
      deltaTokens: before.deltaTokens === null ? null : -before.deltaTokens,
      chosenCorrect: before.rejectedCorrect,
      rejectedCorrect: before.chosenCorrect,
      chosenResponseId: before.rejectedResponseId
    })
    if (before.judgeScore !== null) expect(after.judgeScore).toBeCloseTo(1 - before.judgeScore)
    expect(
      store.query.count({
        sampleId: before.sampleId,
        deltaTokens: { min: after.deltaTokens ?? 0, max: after.deltaTokens ?? 0 }
      })
    ).toBe(before.deltaTokens === null ? 0 : 1)
  })

  it('keeps an edit on the answer it edited across swaps, and searches the edited text', () => {
    const id = ids[0]!
    store.changes.update(id, { op: 'editChosen', text: 'A quokka waves' })
    store.changes.update(id, { op: 'swap' })
    expect(dto(id)).toMatchObject({
      rejected: 'A quokka waves',
      rejectedEdited: true,
      chosenEdited: false
    })
    expect(search('quokka')).toEqual([id])
    // Editing back to the generated text drops the edit.
    store.changes.update(id, { op: 'editRejected', text: dto(id).rejectedOriginal })
    expect(dto(id).rejectedEdited).toBe(false)
    expect(search('quokka')).toEqual([])
  })

  it('sets tier (as a person) and tags', () => {
    const id = ids[0]!
    store.changes.update(id, { op: 'setTier', tier: 3 })
    store.changes.update(id, { op: 'addTag', tag: 'zz-check' })
    store.changes.update(id, { op: 'addTag', tag: 'aa-first' })
    expect(dto(id)).toMatchObject({ tier: 3, tierSource: 'user' })
    expect(dto(id).tags).toEqual(expect.arrayContaining(['aa-first', 'zz-check']))
    store.changes.update(id, { op: 'removeTag', tag: 'zz-check' })
    expect(dto(id).tags).not.toContain('zz-check')
    expect(store.changes.update(id, { op: 'removeTag', tag: 'zz-check' }).batchId).toBeNull()
  })
})

describe('bulk changes and undo/redo', () => {
  it('accepts every pair matching a filter in one step and undoes it as one step', () => {
    const filter = { statuses: ['pending' as const], tiers: [1 as const] }
    const matching = store.query.count(filter)
    const before = new Map(ids.map((id) => [id, dto(id)]))
    const { affected, batchId } = store.changes.bulk({ filter }, { op: 'accept' })
    expect(affected).toBe(matching)
    expect(store.query.count(filter)).toBe(0)
    expect(store.events.state().undo).toMatchObject({
      batchId,
      action: 'bulk:accept',
      count: matching
    })

    const undone = store.events.undo()!
    expect(undone).toMatchObject({ batchId, affected: matching })
    expect(store.query.count(filter)).toBe(matching)
    for (const [id, old] of before) expect(dto(id).status).toBe(old.status)
    expect(store.events.state()).toMatchObject({ undo: null, redo: { batchId } })

    store.events.redo()
    expect(store.query.count(filter)).toBe(0)
    expect(store.events.state()).toMatchObject({ undo: { batchId }, redo: null })
  })

  it('undoes in reverse order, redoes in order, and a new change clears the redo stack', () => {
    const [a, b] = ids as [number, number]
    store.changes.update(a, { op: 'setNote', note: 'one' })
    store.changes.update(a, { op: 'setNote', note: 'two' })
    store.changes.bulk({ ids: [a, b] }, { op: 'addTag', tag: 'bulk-tag' })
    store.events.undo()
    expect(dto(a).tags).not.toContain('bulk-tag')
    store.events.undo()
    expect(dto(a).note).toBe('one')
    store.events.redo()
    expect(dto(a).note).toBe('two')
    store.changes.update(b, { op: 'reject' })
    expect(store.events.state().redo).toBeNull()
    expect(store.events.redo()).toBeNull()
    store.events.undo() // the reject
    store.events.undo() // note two → one
    store.events.undo() // note one → none
    expect(dto(a).note).toBeNull()
    expect(store.events.undo()).toBeNull()
  })

  it('undoes edits, swaps, tiers and tag removals, and keeps the full-text index in step', () => {
    const id = ids[1]!
    const original = dto(id)
    store.changes.update(id, { op: 'addTag', tag: 'keep' })
    store.changes.update(id, { op: 'editChosen', text: 'platypus text' })
    store.changes.update(id, { op: 'swap' })
    store.changes.bulk({ ids: [id] }, { op: 'setTier', tier: 2 })
    store.changes.bulk({ ids: [id] }, { op: 'removeTag', tag: 'keep' })
    for (let i = 0; i < 4; i++) store.events.undo()
    expect(search('platypus')).toEqual([])
    expect(dto(id)).toMatchObject({
      chosen: original.chosen,
      swapped: false,
      tier: original.tier,
      tierSource: original.tierSource
    })
    expect(dto(id).tags).toContain('keep')
    store.events.redo()
    expect(search('platypus')).toEqual([id])
  })

  it('records undo and redo in the append-only history', () => {
    const id = ids[0]!
    store.changes.update(id, { op: 'reject' })
    store.events.undo()
    store.events.redo()
    const history = store.events.history(id)
    expect(history.map((e) => [e.action, e.before, e.after])).toEqual([
      ['reject', { status: 'pending' }, { status: 'rejected' }],
      ['undo', { status: 'rejected' }, { status: 'pending' }],
      ['redo', { status: 'pending' }, { status: 'rejected' }]
    ])
    expect(history[0]!.undone).toBe(false)
  })

  it('skips pairs the bulk op would not change and reports no batch when none change', () => {
    const id = ids[0]!
    store.changes.update(id, { op: 'accept' })
    expect(store.changes.bulk({ ids: [id] }, { op: 'accept' })).toEqual({
      affected: 0,
      batchId: null
    })
    expect(store.events.state().undo?.action).toBe('accept')
  })

  it('rolls a failing bulk change back entirely', () => {
    const before = store.query.count({ statuses: ['accepted'] })
    expect(() =>
      store.changes.bulk({ filter: { text: 'red' } }, { op: 'setTier', tier: 9 as 1 })
    ).toThrow(/CHECK/)
    expect(store.query.count({ statuses: ['accepted'] })).toBe(before)
    expect(store.db.prepare('SELECT COUNT(*) FROM pair_events').pluck().get()).toBe(0)
    expect(store.events.state().undo).toBeNull()
  })
})
