import type { Db } from '../db/open-database'
import { StatementCache, nowIso } from './write-tx'

/** Rows of `prompt_templates`: a project's own version of a shipped prompt, by name. */
export class PromptTemplatesRepo {
  readonly #s: StatementCache

  constructor(readonly db: Db) {
    this.#s = new StatementCache(db)
  }

  get(name: string): string | null {
    return (
      (this.#s.get('SELECT body FROM prompt_templates WHERE name = ?').pluck().get(name) as
        string | undefined) ?? null
    )
  }

  set(name: string, body: string): void {
    this.#s
      .get(
        `INSERT INTO prompt_templates (name, body, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`
      )
      .run(name, body, nowIso())
  }

  /** Drops the override: the shipped template applies again. */
  clear(name: string): boolean {
    return this.#s.get('DELETE FROM prompt_templates WHERE name = ?').run(name).changes > 0
  }
}
