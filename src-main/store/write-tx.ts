import type Database from 'better-sqlite3'

import type { Db } from '../db/open-database'

/** A prepared statement taking positional or named parameters. */
export type Statement = Database.Statement<unknown[], unknown>

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE).
 * A deferred transaction that reads first and writes later fails with SQLITE_BUSY_SNAPSHOT
 * when another connection committed in between, and the busy timeout cannot help there;
 * taking the lock first makes the busy timeout cover every conflict. Nested calls join the
 * outer transaction.
 */
export function writeTx<T>(db: Db, fn: () => T): T {
  // Inside a transaction already: join it (an error still rolls the outer one back).
  if (db.inTransaction) return fn()
  return db.transaction(fn).immediate()
}

/** Timestamps are ISO-8601 UTC strings with milliseconds; they sort as text. */
export function nowIso(): string {
  return new Date().toISOString()
}

/** Prepares each SQL text once per connection. */
export class StatementCache {
  readonly #cache = new Map<string, Statement>()

  constructor(readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.#cache.get(sql)
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql)
      this.#cache.set(sql, statement)
    }
    return statement
  }
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T)
}
