import { randomUUID } from 'node:crypto'

import type { PairEventDto, UndoStateDto, UndoStepDto } from '../../src-shared/contract/pairs'
import type { Db } from '../db/open-database'
import { StatementCache, nowIso, writeTx } from './write-tx'

/** Pair columns a user change may touch, as they appear in event `before`/`after` JSON. */
export const EVENT_COLUMNS = [
  'status',
  'tier',
  'tier_source',
  'swapped',
  'chosen_edit',
  'rejected_edit',
  'note'
] as const
export type EventColumn = (typeof EVENT_COLUMNS)[number]
/** Event JSON: changed columns plus `tags` (the full sorted tag list) when tags changed. */
export type EventValues = Partial<Record<EventColumn, string | number | null>> & { tags?: string[] }

const DTO_KEYS: Record<string, string> = {
  tier_source: 'tierSource',
  chosen_edit: 'chosenEdit',
  rejected_edit: 'rejectedEdit'
}

type BatchRow = { seq: number; id: string; action: string; pair_count: number; at: string }
type EventRow = {
  id: number
  batch_id: string
  pair_id: number
  action: string
  before: string | null
  after: string | null
  actor: string
  undone: 0 | 1
  at: string
}

export function newBatchId(): string {
  return randomUUID()
}

/**
 * The append-only audit (`pair_events`) and the undo stack over it (`pair_batches`). Undo and
 * redo restore `before`/`after` of a whole batch with a few set-based statements, so a 50k-pair
 * bulk change undoes in one step and one transaction.
 */
export class EventsRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  /** Opens a change batch; a new change clears the redo stack. Call inside a write transaction. */
  beginChange(batchId: string, action: string, actor: string, at: string): void {
    if (actor === 'user') {
      this.#s.get(`UPDATE pair_batches SET state = 'discarded' WHERE state = 'undone'`).run()
    }
    this.#s
      .get(
        `INSERT INTO pair_batches (id, kind, action, state, pair_count, actor, at)
         VALUES (?, ?, ?, ?, 0, ?, ?)`
      )
      .run(
        batchId,
        actor === 'user' ? 'change' : 'job',
        action,
        actor === 'user' ? 'applied' : null,
        actor,
        at
      )
  }

  /** Records the final size of a batch; an empty batch is dropped (nothing to undo). */
  finishChange(batchId: string): number {
    const { n } = this.#s
      .get('SELECT COUNT(*) AS n FROM pair_events WHERE batch_id = ?')
      .get(batchId) as { n: number }
    if (n === 0) this.#s.get('DELETE FROM pair_batches WHERE id = ?').run(batchId)
    else this.#s.get('UPDATE pair_batches SET pair_count = ? WHERE id = ?').run(n, batchId)
    return n
  }

  append(
    batchId: string,
    pairId: number,
    action: string,
    before: EventValues,
    after: EventValues,
    actor: string,
    at: string
  ): void {
    this.#s
      .get(
        `INSERT INTO pair_events (batch_id, pair_id, action, before, after, actor, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(batchId, pairId, action, JSON.stringify(before), JSON.stringify(after), actor, at)
  }

  history(pairId: number): PairEventDto[] {
    const rows = this.#s
      .get('SELECT * FROM pair_events WHERE pair_id = ? ORDER BY id')
      .all(pairId) as EventRow[]
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      pairId: r.pair_id,
      action: r.action,
      before: toDtoValues(r.before),
      after: toDtoValues(r.after),
      actor: r.actor,
      undone: r.undone === 1,
      at: r.at
    }))
  }

  state(): UndoStateDto {
    const undo = this.#s
      .get(`SELECT * FROM pair_batches WHERE state = 'applied' ORDER BY seq DESC LIMIT 1`)
      .get() as BatchRow | undefined
    const redo = this.#s
      .get(`SELECT * FROM pair_batches WHERE state = 'undone' ORDER BY seq ASC LIMIT 1`)
      .get() as BatchRow | undefined
    return { undo: undo ? toStep(undo) : null, redo: redo ? toStep(redo) : null }
  }

  /** Undoes the latest applied change batch; null when there is none. */
  undo(actor = 'user'): { batchId: string; affected: number; ids: number[] | null } | null {
    return this.#step('undo', actor)
  }

  /** Redoes the latest undone change batch; null when there is none. */
  redo(actor = 'user'): { batchId: string; affected: number; ids: number[] | null } | null {
    return this.#step('redo', actor)
  }

  #step(kind: 'undo' | 'redo', actor: string) {
    return writeTx(this.db, () => {
      const target = this.#s
        .get(
          kind === 'undo'
            ? `SELECT * FROM pair_batches WHERE state = 'applied' ORDER BY seq DESC LIMIT 1`
            : `SELECT * FROM pair_batches WHERE state = 'undone' ORDER BY seq ASC LIMIT 1`
        )
        .get() as BatchRow | undefined
      if (!target) return null
      const at = nowIso()
      const stepId = newBatchId()
      // Undo restores each event's `before`; redo re-applies its `after`.
      const source = kind === 'undo' ? 'before' : 'after'
      const other = kind === 'undo' ? 'after' : 'before'
      const columns = this.#columnsOf(target.id)
      if (columns.length) {
        const sets = columns
          .map(
            (c) =>
              `${c} = CASE WHEN json_type(e.v, '$.${c}') IS NULL THEN pairs.${c} ELSE e.v ->> '$.${c}' END`
          )
          .join(', ')
        this.#s
          .get(
            `UPDATE pairs SET ${sets}, version = version + 1, updated_at = @at
             FROM (SELECT pair_id, ${source} AS v FROM pair_events WHERE batch_id = @batch) AS e
             WHERE pairs.id = e.pair_id`
          )
          .run({ at, batch: target.id })
      } else {
        this.#s
          .get(
            `UPDATE pairs SET version = version + 1, updated_at = @at
             WHERE id IN (SELECT pair_id FROM pair_events WHERE batch_id = @batch)`
          )
          .run({ at, batch: target.id })
      }
      this.#s
        .get(
          `DELETE FROM pair_tags WHERE pair_id IN (SELECT pair_id FROM pair_events
             WHERE batch_id = @batch AND json_type(${source}, '$.tags') IS NOT NULL)`
        )
        .run({ batch: target.id })
      this.#s
        .get(
          `INSERT INTO pair_tags (pair_id, tag)
           SELECT e.pair_id, j.value FROM pair_events e, json_each(e.${source}, '$.tags') j
           WHERE e.batch_id = @batch`
        )
        .run({ batch: target.id })
      const logged = this.#s
        .get(
          `INSERT INTO pair_events (batch_id, pair_id, action, before, after, actor, at)
           SELECT @step, pair_id, @kind, ${other}, ${source}, @actor, @at
           FROM pair_events WHERE batch_id = @batch ORDER BY id`
        )
        .run({ step: stepId, kind, actor, at, batch: target.id })
      this.#s
        .get('UPDATE pair_events SET undone = ? WHERE batch_id = ?')
        .run(kind === 'undo' ? 1 : 0, target.id)
      this.#s
        .get(`UPDATE pair_batches SET state = ? WHERE id = ?`)
        .run(kind === 'undo' ? 'undone' : 'applied', target.id)
      this.#s
        .get(
          `INSERT INTO pair_batches (id, kind, action, target, state, pair_count, actor, at)
           VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`
        )
        .run(stepId, kind, target.action, target.id, logged.changes, actor, at)
      const ids =
        logged.changes <= 1000
          ? (
              this.#s
                .get('SELECT pair_id FROM pair_events WHERE batch_id = ? ORDER BY pair_id')
                .all(stepId) as Array<{
                pair_id: number
              }>
            ).map((r) => r.pair_id)
          : null
      return { batchId: target.id, affected: logged.changes, ids }
    })
  }

  /** Columns a batch touched, read from its first events (a batch holds one kind of change). */
  #columnsOf(batchId: string): EventColumn[] {
    const rows = this.#s
      .get(
        `SELECT DISTINCT j.key AS key FROM
           (SELECT before FROM pair_events WHERE batch_id = ? ORDER BY id LIMIT 64) e, json_each(e.before) j`
      )
      .all(batchId) as Array<{ key: string }>
    return rows
      .map((r) => r.key)
      .filter((k): k is EventColumn => (EVENT_COLUMNS as readonly string[]).includes(k))
  }
}

function toStep(row: BatchRow): UndoStepDto {
  return { batchId: row.id, action: row.action, count: row.pair_count, at: row.at }
}

function toDtoValues(text: string | null): Record<string, unknown> | null {
  if (text === null) return null
  const raw = JSON.parse(text) as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) out[DTO_KEYS[k] ?? k] = k === 'swapped' ? v === 1 : v
  return out
}
