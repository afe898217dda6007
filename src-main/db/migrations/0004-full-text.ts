import type { Migration } from '../migrate'

/**
 * Full-text search (FTS5) over questions and answers.
 * - `pairs_fts` (contentless, rowid = pair id): the sample's question and both effective
 *   answers (the edit when there is one). The texts already live in `pairs`/`samples`, so the
 *   index stores no copy; `contentless_delete` lets triggers drop a row by rowid alone.
 * - `samples_fts` (external content over `samples`): question and ground truth.
 * Triggers keep both in step with every insert, edit and delete, inside the writer's
 * transaction. Tokens: unicode61 without diacritics, so `cafe` finds `café`.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'full-text',
  sql: `
    CREATE VIRTUAL TABLE pairs_fts USING fts5(
      question, answer_a, answer_b,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO pairs_fts (rowid, question, answer_a, answer_b)
      SELECT p.id, s.question, COALESCE(p.chosen_edit, p.chosen_text),
             COALESCE(p.rejected_edit, p.rejected_text)
      FROM pairs p JOIN samples s ON s.id = p.sample_id;

    CREATE TRIGGER pairs_fts_insert AFTER INSERT ON pairs BEGIN
      INSERT INTO pairs_fts (rowid, question, answer_a, answer_b) VALUES (
        new.id, (SELECT question FROM samples WHERE id = new.sample_id),
        COALESCE(new.chosen_edit, new.chosen_text), COALESCE(new.rejected_edit, new.rejected_text));
    END;
    CREATE TRIGGER pairs_fts_delete AFTER DELETE ON pairs BEGIN
      DELETE FROM pairs_fts WHERE rowid = old.id;
    END;
    CREATE TRIGGER pairs_fts_update
      AFTER UPDATE OF chosen_text, rejected_text, chosen_edit, rejected_edit, sample_id ON pairs
      WHEN old.chosen_text IS NOT new.chosen_text OR old.rejected_text IS NOT new.rejected_text
        OR old.chosen_edit IS NOT new.chosen_edit OR old.rejected_edit IS NOT new.rejected_edit
        OR old.sample_id IS NOT new.sample_id
    BEGIN
      DELETE FROM pairs_fts WHERE rowid = old.id;
      INSERT INTO pairs_fts (rowid, question, answer_a, answer_b) VALUES (
        new.id, (SELECT question FROM samples WHERE id = new.sample_id),
        COALESCE(new.chosen_edit, new.chosen_text), COALESCE(new.rejected_edit, new.rejected_text));
    END;

    CREATE VIRTUAL TABLE samples_fts USING fts5(
      question, ground_truth,
      content = 'samples', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO samples_fts (samples_fts) VALUES ('rebuild');

    CREATE TRIGGER samples_fts_insert AFTER INSERT ON samples BEGIN
      INSERT INTO samples_fts (rowid, question, ground_truth)
        VALUES (new.id, new.question, new.ground_truth);
    END;
    CREATE TRIGGER samples_fts_delete AFTER DELETE ON samples BEGIN
      INSERT INTO samples_fts (samples_fts, rowid, question, ground_truth)
        VALUES ('delete', old.id, old.question, old.ground_truth);
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
        SELECT p.id, new.question, COALESCE(p.chosen_edit, p.chosen_text),
               COALESCE(p.rejected_edit, p.rejected_text)
        FROM pairs p WHERE p.sample_id = new.id;
    END;
  `
}
