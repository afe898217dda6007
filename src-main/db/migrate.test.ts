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

  it('rebuilds a referenced table without cascading, and restores foreign keys', () => {
    const db = openDatabase(':memory:')
    const base = {
      version: 1,
      name: 'base',
      sql: `CREATE TABLE parent (id INTEGER PRIMARY KEY, wide TEXT) STRICT;
            CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE) STRICT;
            INSERT INTO parent VALUES (1, 'x'); INSERT INTO child VALUES (1);`
    }
    const rebuild = {
      version: 2,
      name: 'narrow',
      rebuildsTables: true as const,
      sql: `CREATE TABLE parent_next (id INTEGER PRIMARY KEY) STRICT;
            INSERT INTO parent_next SELECT id FROM parent;
            DROP TABLE parent;
            ALTER TABLE parent_next RENAME TO parent;`
    }
    migrate(db, [base, rebuild])
    expect(db.prepare('SELECT * FROM child').all()).toEqual([{ parent_id: 1 }])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(() => db.prepare('INSERT INTO child VALUES (7)').run()).toThrow(/FOREIGN KEY/)
  })

  it('refuses a rebuild that leaves a broken reference', () => {
    const db = openDatabase(':memory:')
    const base = {
      version: 1,
      name: 'base',
      sql: `CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
            CREATE TABLE child (parent_id INTEGER REFERENCES parent(id)) STRICT;
            INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);`
    }
    const lossy = {
      version: 2,
      name: 'lossy',
      rebuildsTables: true as const,
      sql: `CREATE TABLE parent_next (id INTEGER PRIMARY KEY) STRICT;
            DROP TABLE parent;
            ALTER TABLE parent_next RENAME TO parent;`
    }
    migrate(db, [base])
    expect(() => migrate(db, [base, lossy])).toThrow(/1 broken references, first in child/)
    expect(db.prepare('SELECT COUNT(*) AS n FROM parent').get()).toEqual({ n: 1 })
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })
})
