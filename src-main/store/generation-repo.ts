import type { Db } from '../db/open-database'

export type GenSample = {
  readonly id: number
  readonly question: string
  readonly groundTruth: string | null
  readonly tier: 1 | 2 | 3
  readonly metadata: string | null
  readonly images: ReadonlyArray<{ id: number; sha256: string }>
}

/** The identity of a run: the same identity means the same run, so a re-run resumes it. */
export type RunIdentity = {
  readonly model: string
  readonly mmproj: string | null
  readonly endpoint: string | null
  readonly isTestModel: boolean
  readonly params: Record<string, unknown>
}

/** The run with this identity, created when missing. */
export function findOrCreateRun(db: Db, identity: RunIdentity): number {
  const params = JSON.stringify(identity.params)
  const found = db
    .prepare(
      `SELECT id FROM runs WHERE model = ? AND mmproj IS ? AND endpoint IS ? AND params = ?
       ORDER BY id LIMIT 1`
    )
    .get(identity.model, identity.mmproj, identity.endpoint, params) as { id: number } | undefined
  if (found) return found.id
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO runs (model, mmproj, endpoint, is_test_model, params, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`
    )
    .run(
      identity.model,
      identity.mmproj,
      identity.endpoint,
      identity.isTestModel ? 1 : 0,
      params,
      new Date().toISOString()
    )
  return Number(lastInsertRowid)
}

/** Samples to generate for, by ascending id, with their ordered original images. */
export function selectSamples(
  db: Db,
  filter: { limit?: number; sampleIds?: readonly number[] }
): GenSample[] {
  const rows = db
    .prepare(
      `SELECT id, question, ground_truth, tier, metadata FROM samples
       ${filter.sampleIds ? `WHERE id IN (SELECT value FROM json_each(?))` : ''}
       ORDER BY id ${filter.limit ? 'LIMIT ?' : ''}`
    )
    .all(
      ...(filter.sampleIds ? [JSON.stringify(filter.sampleIds)] : []),
      ...(filter.limit ? [filter.limit] : [])
    ) as Array<{
    id: number
    question: string
    ground_truth: string | null
    tier: 1 | 2 | 3
    metadata: string | null
  }>
  const images = db.prepare(
    `SELECT i.id, i.sha256 FROM sample_images si JOIN images i ON i.id = si.image_id
     WHERE si.sample_id = ? ORDER BY si.position`
  )
  return rows.map((row) => ({
    id: row.id,
    question: row.question,
    groundTruth: row.ground_truth,
    tier: row.tier,
    metadata: row.metadata,
    images: images.all(row.id) as Array<{ id: number; sha256: string }>
  }))
}

/** Keys `sampleId:variantKey` of the responses a run already committed. */
export function committedResponses(db: Db, runId: number): Set<string> {
  const rows = db
    .prepare('SELECT sample_id, variant_key FROM responses WHERE run_id = ?')
    .all(runId) as Array<{ sample_id: number; variant_key: string }>
  return new Set(rows.map((r) => `${r.sample_id}:${r.variant_key}`))
}

export type NewResponse = {
  readonly sampleId: number
  readonly variantKey: string
  readonly text: string
  readonly promptTokens: number
  readonly completionTokens: number
  readonly finishReason: string | null
  readonly latencyMs: number
}

/** Inserts responses; one that exists (same run × sample × variant) is left as it is. */
export function insertResponses(db: Db, runId: number, rows: readonly NewResponse[]): void {
  const insert = db.prepare(
    `INSERT INTO responses (run_id, sample_id, variant_key, text, prompt_tokens,
       completion_tokens, finish_reason, latency_ms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
  )
  const now = new Date().toISOString()
  for (const r of rows) {
    insert.run(
      runId,
      r.sampleId,
      r.variantKey,
      r.text,
      r.promptTokens,
      r.completionTokens,
      r.finishReason,
      r.latencyMs,
      now
    )
  }
}

/** What a generation run has committed so far, and the errors its job recorded. */
export function countRunOutputs(
  db: Db,
  runId: number,
  jobId: string
): { responses: number; pairs: number; errors: number } {
  const count = (sql: string, key: number | string): number =>
    (db.prepare(sql).get(key) as { n: number }).n
  return {
    responses: count('SELECT COUNT(*) AS n FROM responses WHERE run_id = ?', runId),
    pairs: count('SELECT COUNT(*) AS n FROM pairs WHERE run_id = ?', runId),
    errors: count('SELECT COUNT(*) AS n FROM job_errors WHERE job_id = ?', jobId)
  }
}
