import type { Migration } from '../migrate'

/**
 * Core entities of DESIGN §3. Texts of a pair are copied from its responses at creation so a
 * pair survives re-generation; user edits live beside the originals, never over them.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'core',
  sql: `
    CREATE TABLE images (
      id INTEGER PRIMARY KEY,
      sha256 TEXT NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      format TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      origin TEXT,
      source_id INTEGER REFERENCES images(id),
      recipe_key TEXT,
      recipe TEXT,
      seed INTEGER,
      psnr REAL,
      ssim REAL,
      ms REAL,
      created_at TEXT NOT NULL,
      CHECK ((source_id IS NULL) = (recipe_key IS NULL))
    ) STRICT;
    CREATE INDEX images_sha ON images(sha256);
    CREATE UNIQUE INDEX images_original ON images(sha256) WHERE source_id IS NULL;
    CREATE UNIQUE INDEX images_variant ON images(source_id, recipe_key) WHERE source_id IS NOT NULL;

    CREATE TABLE samples (
      id INTEGER PRIMARY KEY,
      external_id TEXT,
      question TEXT NOT NULL,
      ground_truth TEXT,
      tier INTEGER NOT NULL DEFAULT 1 CHECK (tier IN (1, 2, 3)),
      tier_source TEXT NOT NULL DEFAULT 'auto' CHECK (tier_source IN ('auto', 'user', 'compose', 'import')),
      metadata TEXT,
      dedupe_key TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sample_images (
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      image_id INTEGER NOT NULL REFERENCES images(id),
      PRIMARY KEY (sample_id, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sample_images_image ON sample_images(image_id);

    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      model TEXT NOT NULL,
      model_sha256 TEXT,
      mmproj TEXT,
      endpoint TEXT,
      is_test_model INTEGER NOT NULL DEFAULT 0 CHECK (is_test_model IN (0, 1)),
      params TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE responses (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      variant_key TEXT NOT NULL,
      text TEXT NOT NULL,
      prompt_tokens INTEGER,
      completion_tokens INTEGER,
      finish_reason TEXT,
      latency_ms REAL,
      created_at TEXT NOT NULL,
      UNIQUE (run_id, sample_id, variant_key)
    ) STRICT;
    CREATE INDEX responses_sample ON responses(sample_id);

    CREATE TABLE pairs (
      id INTEGER PRIMARY KEY,
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      origin TEXT NOT NULL CHECK (origin IN ('visual-delta', 'prompt-complexity', 'import', 'manual')),
      run_id INTEGER REFERENCES runs(id),
      chosen_response_id INTEGER REFERENCES responses(id),
      rejected_response_id INTEGER REFERENCES responses(id),
      chosen_text TEXT NOT NULL,
      rejected_text TEXT NOT NULL,
      chosen_edit TEXT,
      rejected_edit TEXT,
      swapped INTEGER NOT NULL DEFAULT 0 CHECK (swapped IN (0, 1)),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
      tier INTEGER NOT NULL CHECK (tier IN (1, 2, 3)),
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

    CREATE TABLE pair_tags (
      pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      PRIMARY KEY (pair_id, tag)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX pair_tags_tag ON pair_tags(tag, pair_id);

    CREATE TABLE pair_events (
      id INTEGER PRIMARY KEY,
      batch_id TEXT NOT NULL,
      pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
      action TEXT NOT NULL,
      before TEXT,
      after TEXT,
      actor TEXT NOT NULL DEFAULT 'user',
      undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX pair_events_pair ON pair_events(pair_id, id);
    CREATE INDEX pair_events_batch ON pair_events(batch_id);

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      params TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
      done INTEGER NOT NULL DEFAULT 0,
      total INTEGER NOT NULL DEFAULT 0,
      message TEXT,
      error TEXT,
      stats TEXT,
      created_at TEXT NOT NULL,
      started_at TEXT,
      finished_at TEXT
    ) STRICT;

    CREATE TABLE job_errors (
      id INTEGER PRIMARY KEY,
      job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      item TEXT NOT NULL,
      reason TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX job_errors_job ON job_errors(job_id);

    CREATE TABLE exports (
      id INTEGER PRIMARY KEY,
      job_id TEXT REFERENCES jobs(id),
      format TEXT NOT NULL,
      path TEXT NOT NULL,
      filter TEXT,
      manifest TEXT,
      records INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    ) STRICT;
  `
}
