import type { BulkOp, PairOp, PairTarget } from '../../src-shared/contract/pairs'
import type { PairStatus } from '../../src-shared/domain/pair-filter'
import { RpcError } from '../../src-shared/rpc/errors'
import type { Db } from '../db/open-database'
import { newBatchId } from './events-repo'
import type { EventColumn, EventValues, EventsRepo } from './events-repo'
import { EFF } from './pair-columns'
import { compilePairFilter } from './pair-filter-sql'
import type { SqlWhere } from './pair-filter-sql'
import type { PairRow } from './pair-row'
import type { PairsRepo } from './pairs-repo'
import { StatementCache, nowIso, writeTx } from './write-tx'

const STATUS_OF = { accept: 'accepted', reject: 'rejected', reset: 'pending' } as const

/**
 * Every user change to pairs. Each call is one write transaction and one batch of events (one
 * undo step); a change that alters nothing writes nothing and returns `batchId: null`.
 */
export class PairChanges {
  readonly #s: StatementCache

  constructor(
    readonly db: Db,
    private readonly pairs: PairsRepo,
    private readonly events: EventsRepo
  ) {
    this.#s = new StatementCache(db)
  }

  /**
   * Applies one op to one pair. NOT_FOUND for an unknown pair; CONFLICT when `version` is given
   * and the pair has changed since (the caller's view is stale).
   */
  update(id: number, op: PairOp, version?: number, actor = 'user'): { batchId: string | null } {
    return writeTx(this.db, () => {
      const row = this.pairs.row(id)
      if (!row) throw new RpcError('NOT_FOUND', `Pair ${id} does not exist`)
      if (version !== undefined && version !== row.version) {
        throw new RpcError(
          'CONFLICT',
          `Pair ${id} changed since it was read (version ${row.version}, not ${version})`,
          {
            currentVersion: row.version
          }
        )
      }
      const { before, after } = this.#diff(row, op)
      if (Object.keys(after).length === 0) return { batchId: null }
      const at = nowIso()
      const batchId = newBatchId()
      this.events.beginChange(batchId, op.op, actor, at)
      this.events.append(batchId, id, op.op, before, after, actor, at)
      const { tags, ...columns } = after
      const names = Object.keys(columns) as EventColumn[]
      const sets = [
        ...names.map((c) => `${c} = @${c}`),
        'version = version + 1',
        'updated_at = @at'
      ]
      this.#s.get(`UPDATE pairs SET ${sets.join(', ')} WHERE id = @id`).run({ ...columns, at, id })
      if (tags) {
        this.#s.get('DELETE FROM pair_tags WHERE pair_id = ?').run(id)
        const insert = this.#s.get('INSERT INTO pair_tags (pair_id, tag) VALUES (?, ?)')
        for (const tag of tags) insert.run(id, tag)
      }
      this.events.finishChange(batchId)
      return { batchId }
    })
  }

  /** What `op` changes on `row`: the old and new values of the touched columns only. */
  #diff(row: PairRow, op: PairOp): { before: EventValues; after: EventValues } {
    const before: EventValues = {}
    const after: EventValues = {}
    const set = (column: EventColumn, value: string | number | null) => {
      if (row[column] === value) return
      before[column] = row[column]
      after[column] = value
    }
    const swapped = row.swapped === 1
    switch (op.op) {
      case 'accept':
      case 'reject':
      case 'reset':
        set('status', STATUS_OF[op.op])
        break
      case 'swap':
        set('swapped', swapped ? 0 : 1)
        break
      case 'editChosen':
      case 'editRejected': {
        // The edit belongs to the slot now shown as chosen (or rejected); editing back to the
        // generated text drops the edit.
        const shownChosen = op.op === 'editChosen'
        const slotA = shownChosen !== swapped
        const original = slotA ? row.chosen_text : row.rejected_text
        set(
          slotA ? 'chosen_edit' : 'rejected_edit',
          op.text === null || op.text === original ? null : op.text
        )
        break
      }
      case 'setTier':
        set('tier', op.tier)
        set('tier_source', 'user')
        break
      case 'setNote':
        set('note', op.note === null || op.note.trim() === '' ? null : op.note)
        break
      case 'addTag':
      case 'removeTag': {
        const current = this.pairs.tagsOf(row.id)
        const next =
          op.op === 'addTag'
            ? [...new Set([...current, op.tag])].sort()
            : current.filter((t) => t !== op.tag)
        if (next.length !== current.length) {
          before.tags = current
          after.tags = next
        }
        break
      }
    }
    return { before, after }
  }

  /**
   * Applies one op to every targeted pair that it would change, with set-based SQL: the events
   * are written from the rows themselves, then the rows are updated from the events.
   */
  bulk(
    target: PairTarget,
    op: BulkOp,
    actor = 'user'
  ): { affected: number; batchId: string | null } {
    return writeTx(this.db, () => {
      const where = targetWhere(target)
      const at = nowIso()
      const batchId = newBatchId()
      const params = { ...where.params, batch: batchId, action: op.op, actor, at }
      // Events first (they capture `before`); the batch opens (clearing the redo stack) only
      // when the op changes at least one pair.
      const logEvents = (
        condition: string,
        before: string,
        after: string,
        extra: Record<string, unknown>
      ) => {
        const { changes } = this.#s
          .get(
            `INSERT INTO pair_events (batch_id, pair_id, action, before, after, actor, at)
             SELECT @batch, p.id, @action, ${before}, ${after}, @actor, @at
             FROM pairs p WHERE ${where.sql} AND ${condition} ORDER BY p.id`
          )
          .run({ ...params, ...extra })
        if (changes > 0) this.events.beginChange(batchId, `bulk:${op.op}`, actor, at)
        return changes
      }
      const touched = 'id IN (SELECT pair_id FROM pair_events WHERE batch_id = @batch)'
      switch (op.op) {
        case 'accept':
        case 'reject':
        case 'reset': {
          const status: PairStatus = STATUS_OF[op.op]
          logEvents(
            'p.status <> @status',
            `json_object('status', p.status)`,
            `json_object('status', @status)`,
            { status }
          )
          this.#s
            .get(
              `UPDATE pairs SET status = @status, version = version + 1, updated_at = @at WHERE ${touched}`
            )
            .run({ status, at, batch: batchId })
          break
        }
        case 'setTier':
          logEvents(
            `(p.tier <> @tier OR p.tier_source <> 'user')`,
            `json_object('tier', p.tier, 'tier_source', p.tier_source)`,
            `json_object('tier', @tier, 'tier_source', 'user')`,
            { tier: op.tier }
          )
          this.#s
            .get(
              `UPDATE pairs SET tier = @tier, tier_source = 'user', version = version + 1,
                 updated_at = @at WHERE ${touched}`
            )
            .run({ tier: op.tier, at, batch: batchId })
          break
        case 'addTag':
        case 'removeTag': {
          const adding = op.op === 'addTag'
          const current = `(SELECT json_group_array(tag) FROM
              (SELECT tag FROM pair_tags WHERE pair_id = p.id ORDER BY tag))`
          const next = adding
            ? `(SELECT json_group_array(tag) FROM (SELECT tag FROM pair_tags WHERE pair_id = p.id
                 UNION SELECT @tag ORDER BY 1))`
            : `(SELECT json_group_array(tag) FROM (SELECT tag FROM pair_tags
                 WHERE pair_id = p.id AND tag <> @tag ORDER BY tag))`
          const has = 'EXISTS (SELECT 1 FROM pair_tags WHERE pair_id = p.id AND tag = @tag)'
          logEvents(
            adding ? `NOT ${has}` : has,
            `json_object('tags', json(${current}))`,
            `json_object('tags', json(${next}))`,
            {
              tag: op.tag
            }
          )
          this.#s
            .get(
              adding
                ? `INSERT INTO pair_tags (pair_id, tag) SELECT pair_id, @tag FROM pair_events WHERE batch_id = @batch`
                : `DELETE FROM pair_tags WHERE tag = @tag AND pair_id IN
                     (SELECT pair_id FROM pair_events WHERE batch_id = @batch)`
            )
            .run({ tag: op.tag, batch: batchId })
          this.#s
            .get(`UPDATE pairs SET version = version + 1, updated_at = @at WHERE ${touched}`)
            .run({ at, batch: batchId })
          break
        }
        case 'swapReversed': {
          // Reversed as shown now: the effective score (after any earlier swap) below 0.5.
          logEvents(
            `${EFF.judgeScore} < 0.5`,
            `json_object('swapped', p.swapped)`,
            `json_object('swapped', 1 - p.swapped)`,
            {}
          )
          this.#s
            .get(
              `UPDATE pairs SET swapped = 1 - swapped, version = version + 1, updated_at = @at
               WHERE ${touched}`
            )
            .run({ at, batch: batchId })
          break
        }
      }
      const affected = this.events.finishChange(batchId)
      return { affected, batchId: affected ? batchId : null }
    })
  }
}

function targetWhere(target: PairTarget): SqlWhere {
  if ('ids' in target)
    return {
      sql: 'p.id IN (SELECT value FROM json_each(@ids))',
      params: { ids: JSON.stringify(target.ids) }
    }
  return compilePairFilter(target.filter)
}
