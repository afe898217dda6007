import type { Db } from '../db/open-database'
import { StatementCache, writeTx } from './write-tx'

/** Rows of `sample_labels`: what a sample's image is known to show, by name. */
export class LabelsRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  /** Sets labels of a sample (others it has stay); values are stored as text. */
  set(sampleId: number, labels: Readonly<Record<string, string | number | boolean>>): void {
    writeTx(this.db, () => {
      const upsert = this.#s.get(
        `INSERT INTO sample_labels (sample_id, name, value) VALUES (?, ?, ?)
         ON CONFLICT (sample_id, name) DO UPDATE SET value = excluded.value`
      )
      for (const [name, value] of Object.entries(labels)) upsert.run(sampleId, name, String(value))
    })
  }

  /** Labels of each sample that has any. */
  of(sampleIds: readonly number[]): Map<number, Record<string, string>> {
    const rows = this.#s
      .get(
        `SELECT sample_id, name, value FROM sample_labels
         WHERE sample_id IN (SELECT value FROM json_each(?)) ORDER BY sample_id, name`
      )
      .all(JSON.stringify(sampleIds)) as Array<{ sample_id: number; name: string; value: string }>
    const out = new Map<number, Record<string, string>>()
    for (const row of rows) {
      let labels = out.get(row.sample_id)
      if (!labels) out.set(row.sample_id, (labels = {}))
      labels[row.name] = row.value
    }
    return out
  }
}
