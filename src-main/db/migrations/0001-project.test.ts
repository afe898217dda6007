import { describe, expect, it } from 'vitest'

import { migrate } from '../migrate'
import { openDatabase } from '../open-database'
import { migration0001 } from './0001-project'

describe('migration 0001 project', () => {
  it('holds exactly one project row', () => {
    const db = openDatabase(':memory:')
    migrate(db, [migration0001])
    db.prepare("INSERT INTO project (id, name, created_at) VALUES (1, 'p', 'now')").run()
    expect(() =>
      db.prepare("INSERT INTO project (id, name, created_at) VALUES (2, 'q', 'now')").run()
    ).toThrow(/CHECK/)
  })
})
