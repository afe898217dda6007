import type { Migration } from '../migrate'

/**
 * The soft-reward judge (methods.md §2).
 *
 * - `pair_judgements`: one audit per pair, in generation slots (like every stored per-answer
 *   figure; a swap flips what is shown, not what is stored): the probability that the
 *   generated chosen answer wins when shown first and when shown second, their average (also
 *   written to `pairs.judge_score`, which the filters and sorts already read), `reversed` when
 *   that average prefers the generated rejected answer, and the judge model.
 * - `rankings` / `ranking_images`: a ranked prompt — its images in input order with their
 *   Bradley–Terry score and rank, and the soft wins matrix.
 * - `image_pairs`: text-to-image preference pairs a ranking yields (one prompt, chosen image,
 *   rejected image, margin). They live beside `pairs` rather than in it: a `pairs` row is a
 *   sample's two answer texts (texts, edits, token deltas, correctness, full-text search), and
 *   its origin is a CHECK that only a table rebuild could widen.
 * - `eval_reports`: one accuracy report per evaluation on a published test set (JSON).
 * - `prompt_templates`: the project's own version of a judge prompt, over the shipped one.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'judge',
  sql: `
    CREATE TABLE pair_judgements (
      pair_id INTEGER PRIMARY KEY REFERENCES pairs(id) ON DELETE CASCADE,
      model TEXT NOT NULL,
      is_test_model INTEGER NOT NULL DEFAULT 0 CHECK (is_test_model IN (0, 1)),
      chosen_first REAL CHECK (chosen_first BETWEEN 0 AND 1),
      rejected_first REAL CHECK (rejected_first BETWEEN 0 AND 1),
      score REAL CHECK (score BETWEEN 0 AND 1),
      reversed INTEGER NOT NULL DEFAULT 0 CHECK (reversed IN (0, 1)),
      judged_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE rankings (
      id INTEGER PRIMARY KEY,
      job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL,
      prompt_key TEXT NOT NULL,
      prompt TEXT NOT NULL,
      model TEXT NOT NULL,
      is_test_model INTEGER NOT NULL DEFAULT 0 CHECK (is_test_model IN (0, 1)),
      comparisons INTEGER NOT NULL,
      no_verdict INTEGER NOT NULL DEFAULT 0,
      order_effect REAL,
      wins TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (job_id, prompt_key)
    ) STRICT;
    CREATE INDEX rankings_created ON rankings (created_at, id);

    CREATE TABLE ranking_images (
      ranking_id INTEGER NOT NULL REFERENCES rankings(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      image_id INTEGER NOT NULL REFERENCES images(id),
      label TEXT NOT NULL,
      score REAL NOT NULL,
      rank INTEGER NOT NULL,
      PRIMARY KEY (ranking_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE image_pairs (
      id INTEGER PRIMARY KEY,
      ranking_id INTEGER NOT NULL REFERENCES rankings(id) ON DELETE CASCADE,
      prompt TEXT NOT NULL,
      chosen_image_id INTEGER NOT NULL REFERENCES images(id),
      rejected_image_id INTEGER NOT NULL REFERENCES images(id),
      margin REAL NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
      created_at TEXT NOT NULL,
      UNIQUE (ranking_id, chosen_image_id, rejected_image_id),
      CHECK (chosen_image_id <> rejected_image_id)
    ) STRICT;

    CREATE TABLE eval_reports (
      id INTEGER PRIMARY KEY,
      job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL,
      format TEXT NOT NULL CHECK (format IN ('imagereward', 'hpdv2')),
      test_file TEXT NOT NULL,
      model TEXT NOT NULL,
      is_test_model INTEGER NOT NULL DEFAULT 0 CHECK (is_test_model IN (0, 1)),
      accuracy REAL,
      report TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE prompt_templates (
      name TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `
}
