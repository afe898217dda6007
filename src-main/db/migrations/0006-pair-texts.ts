import type { Migration } from '../migrate'

/**
 * Moves the generated answer texts out of `pairs` into `pair_texts` (one row per pair, same id).
 *
 * Why: the texts are written once, at pair creation, and never change (edits, swap, status,
 * tier and notes live in `pairs`), but SQLite rewrites a whole row on every update. With ~700
 * characters of answers per row, a bulk accept of 50k pairs rewrote ~100 MB of pages; with the
 * texts beside the row instead of in it, `pairs` is ~5× smaller and so is every bulk change.
 *
 * A pair's texts are inserted right after its row, in the same transaction (PairsRepo.create,
 * insertPairTexts); the full-text row is written when the texts arrive. The FTS triggers of
 * migration 0004 that read `pairs.chosen_text`/`rejected_text` are replaced by equivalents that
 * read `pair_texts`. The table is rebuilt rather than altered, so its pages are packed again
 * (see `rebuildsTables` in migrate.ts).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'pair-texts',
  rebuildsTables: true,
  sql: `
    CREATE TABLE pair_texts (
      pair_id INTEGER PRIMARY KEY REFERENCES pairs(id) ON DELETE CASCADE,
      chosen_text TEXT NOT NULL,
      rejected_text TEXT NOT NULL
    ) STRICT;
    INSERT INTO pair_texts (pair_id, chosen_text, rejected_text)
      SELECT id, chosen_text, rejected_text FROM pairs ORDER BY id;

    -- SQLite's table rebuild (ALTER TABLE DROP COLUMN would leave every page of the old, wide
    -- table in place, a few narrow rows each, and bulk changes would still touch them all).
    -- Every trigger that reads the old columns or the table goes first and is recreated below.
    DROP TRIGGER pairs_fts_insert;
    DROP TRIGGER pairs_fts_update;
    DROP TRIGGER pairs_fts_delete;
    DROP TRIGGER samples_fts_update;
    CREATE TABLE pairs_next (
      id INTEGER PRIMARY KEY,
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      origin TEXT NOT NULL CHECK (origin IN ('visual-delta', 'prompt-complexity', 'import', 'manual')),
      run_id INTEGER REFERENCES runs(id),
      chosen_response_id INTEGER REFERENCES responses(id),
      rejected_response_id INTEGER REFERENCES responses(id),
      chosen_edit TEXT,
      rejected_edit TEXT,
      swapped INTEGER NOT NULL DEFAULT 0 CHECK (swapped IN (0, 1)),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
      tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
      tier_source TEXT NOT NULL DEFAULT 'auto'
        CHECK (tier_source IN ('auto', 'user', 'compose', 'import')),
      note TEXT,
      recipe_key TEXT,
      perturb_type TEXT,
      perturb_level REAL,
      psnr REAL,
      ssim REAL,
      chosen_tokens INTEGER,
      rejected_tokens INTEGER,
      delta_tokens INTEGER,
      delta_chars INTEGER,
      delta_words INTEGER,
      edit_distance REAL,
      chosen_correct INTEGER CHECK (chosen_correct IN (0, 1)),
      rejected_correct INTEGER CHECK (rejected_correct IN (0, 1)),
      flip_level REAL,
      judge_score REAL CHECK (judge_score BETWEEN 0 AND 1),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (chosen_response_id, rejected_response_id)
    ) STRICT;
    INSERT INTO pairs_next (id, sample_id, origin, run_id, chosen_response_id,
        rejected_response_id, chosen_edit, rejected_edit, swapped, status, tier, tier_source, note,
        recipe_key, perturb_type, perturb_level, psnr, ssim, chosen_tokens, rejected_tokens,
        delta_tokens, delta_chars, delta_words, edit_distance, chosen_correct, rejected_correct,
        flip_level, judge_score, version, created_at, updated_at)
      SELECT id, sample_id, origin, run_id, chosen_response_id,
        rejected_response_id, chosen_edit, rejected_edit, swapped, status, tier, tier_source, note,
        recipe_key, perturb_type, perturb_level, psnr, ssim, chosen_tokens, rejected_tokens,
        delta_tokens, delta_chars, delta_words, edit_distance, chosen_correct, rejected_correct,
        flip_level, judge_score, version, created_at, updated_at
      FROM pairs ORDER BY id;
    DROP TABLE pairs;
    ALTER TABLE pairs_next RENAME TO pairs;

    -- The indexes of migration 0003, verbatim (queries match their expressions).
    CREATE INDEX pairs_facets ON pairs (
      status, tier, origin, perturb_type, swapped, chosen_correct, rejected_correct,
      (note IS NOT NULL AND note <> ''),
      (chosen_edit IS NOT NULL OR rejected_edit IS NOT NULL),
      perturb_level, delta_tokens, judge_score, run_id
    );
    CREATE INDEX pairs_created ON pairs (created_at, id);
    CREATE INDEX pairs_updated ON pairs (updated_at, id);
    CREATE INDEX pairs_delta_tokens ON pairs (
      (CASE WHEN swapped THEN -delta_tokens ELSE delta_tokens END), id);
    CREATE INDEX pairs_judge_score ON pairs (
      (CASE WHEN swapped THEN 1.0 - judge_score ELSE judge_score END), id);
    CREATE INDEX pairs_edit_distance ON pairs (edit_distance, id);
    CREATE INDEX pairs_sample ON pairs (sample_id);
    CREATE INDEX pairs_run ON pairs (run_id);
    CREATE INDEX pairs_rejected_response ON pairs (rejected_response_id);

    CREATE TRIGGER pairs_fts_delete AFTER DELETE ON pairs BEGIN
      DELETE FROM pairs_fts WHERE rowid = old.id;
    END;
    CREATE TRIGGER pair_texts_fts_insert AFTER INSERT ON pair_texts BEGIN
      INSERT INTO pairs_fts (rowid, question, answer_a, answer_b)
        SELECT p.id, s.question, COALESCE(p.chosen_edit, new.chosen_text),
               COALESCE(p.rejected_edit, new.rejected_text)
        FROM pairs p JOIN samples s ON s.id = p.sample_id WHERE p.id = new.pair_id;
    END;
    CREATE TRIGGER pair_texts_fts_update AFTER UPDATE ON pair_texts
      WHEN old.chosen_text IS NOT new.chosen_text OR old.rejected_text IS NOT new.rejected_text
        OR old.pair_id IS NOT new.pair_id
    BEGIN
      DELETE FROM pairs_fts WHERE rowid = old.pair_id;
      INSERT INTO pairs_fts (rowid, question, answer_a, answer_b)
        SELECT p.id, s.question, COALESCE(p.chosen_edit, new.chosen_text),
               COALESCE(p.rejected_edit, new.rejected_text)
        FROM pairs p JOIN samples s ON s.id = p.sample_id WHERE p.id = new.pair_id;
    END;
    CREATE TRIGGER pairs_fts_update AFTER UPDATE OF chosen_edit, rejected_edit, sample_id ON pairs
      WHEN old.chosen_edit IS NOT new.chosen_edit OR old.rejected_edit IS NOT new.rejected_edit
        OR old.sample_id IS NOT new.sample_id
    BEGIN
      DELETE FROM pairs_fts WHERE rowid = old.id;
      INSERT INTO pairs_fts (rowid, question, answer_a, answer_b)
        SELECT new.id, s.question, COALESCE(new.chosen_edit, t.chosen_text),
               COALESCE(new.rejected_edit, t.rejected_text)
        FROM pair_texts t JOIN samples s ON s.id = new.sample_id WHERE t.pair_id = new.id;
    END;
    CREATE TRIGGER samples_fts_update AFTER UPDATE OF question, ground_truth ON samples
      WHEN old.question IS NOT new.question OR old.ground_truth IS NOT new.ground_truth
    BEGIN
      INSERT INTO samples_fts (samples_fts, rowid, question, ground_truth)
        VALUES ('delete', old.id, old.question, old.ground_truth);
      INSERT INTO samples_fts (rowid, question, ground_truth)
        VALUES (new.id, new.question, new.ground_truth);
      DELETE FROM pairs_fts WHERE rowid IN (SELECT id FROM pairs WHERE sample_id = new.id);
      INSERT INTO pairs_fts (rowid, question, answer_a, answer_b)
        SELECT p.id, new.question, COALESCE(p.chosen_edit, t.chosen_text),
               COALESCE(p.rejected_edit, t.rejected_text)
        FROM pairs p JOIN pair_texts t ON t.pair_id = p.id WHERE p.sample_id = new.id;
    END;
  `
}
