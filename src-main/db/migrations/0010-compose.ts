import type { Migration } from '../migrate'

/**
 * Simple-to-hard composition (S2H, MIA-DPO layouts).
 *
 * - `sample_labels`: facts a sample's image is known to show (`kind`, `number`, `colour`,
 *   `triangles`, `bar_C`…), one row per name, so comparison and search templates can compute
 *   their ground truth from labels instead of parsing questions.
 * - `compositions`: a composed sample's provenance (tier, layout, template, seed, the job) and
 *   its guided form's question (the target or operands alone; null when the template has none).
 * - `composition_sources`: the source samples in the order the prompt numbers them, with their
 *   role; the guided form's images are the `target`/`operand` rows in that order.
 * - `responses.perplexity`: of the answer, from its logprobs, for MIA-DPO's post-selection.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'compose',
  sql: `
    CREATE TABLE sample_labels (
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
      value TEXT NOT NULL,
      PRIMARY KEY (sample_id, name)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE compositions (
      sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,
      tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
      layout TEXT NOT NULL CHECK (layout IN ('sequence', 'grid', 'pip')),
      template TEXT NOT NULL,
      seed INTEGER NOT NULL,
      image_count INTEGER NOT NULL CHECK (image_count BETWEEN 2 AND 9),
      guided_question TEXT,
      job_id TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX compositions_layout ON compositions (layout, image_count);

    CREATE TABLE composition_sources (
      sample_id INTEGER NOT NULL REFERENCES compositions(sample_id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      source_sample_id INTEGER NOT NULL REFERENCES samples(id),
      role TEXT NOT NULL CHECK (role IN ('target', 'operand', 'distractor', 'background')),
      PRIMARY KEY (sample_id, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX composition_sources_source ON composition_sources (source_sample_id);

    ALTER TABLE responses ADD COLUMN perplexity REAL CHECK (perplexity IS NULL OR perplexity >= 1);
  `
}
