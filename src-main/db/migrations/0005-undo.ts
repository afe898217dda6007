import type { Migration } from '../migrate'

/**
 * Undo/redo bookkeeping. A batch is one undoable step: every `pair_events` row of one update or
 * bulk call shares its `batch_id`. Undo and redo are batches too (kind `undo`/`redo`, pointing
 * at their `target`), so the audit stays append-only. A change batch is `applied`, `undone`
 * (redoable) or `discarded` (undone, then a new change cleared the redo stack).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'undo',
  sql: `
    CREATE TABLE pair_batches (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('change', 'undo', 'redo', 'job')),
      action TEXT NOT NULL,
      target TEXT REFERENCES pair_batches(id),
      state TEXT CHECK (state IN ('applied', 'undone', 'discarded')),
      pair_count INTEGER NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL,
      CHECK ((kind = 'change') = (state IS NOT NULL))
    ) STRICT;
    CREATE INDEX pair_batches_state ON pair_batches (state, seq) WHERE state IS NOT NULL;
  `
}
