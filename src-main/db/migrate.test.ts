import { describe, expect, it } from 'vitest'

import { MigrationError, migrate } from './migrate'
import { openDatabase } from './open-database'

describe('migrate', () => {
  it('applies each migration once, in order', () => {
    const db = openDatabase(':memory:')
    const list = [
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER) STRICT;' },
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }
    ]
    expect(migrate(db, list)).toEqual([1, 2])
    expect(migrate(db, list)).toEqual([])
  })

  it('refuses a migration edited after it was applied', () => {
    const db = openDatabase(':memory:')
    migrate(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' }])
    expect(() =>
      migrate(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x TEXT) STRICT;' }])
    ).toThrow(MigrationError)
  })

  it('rolls back a failing migration completely', () => {
    const db = openDatabase(':memory:')
    const broken = { version: 1, name: 'bad', sql: 'CREATE TABLE ok (x INTEGER) STRICT; NOT SQL;' }
    expect(() => migrate(db, [broken])).toThrow()
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").all()
    expect(tables).toHaveLength(0)
  })
})
