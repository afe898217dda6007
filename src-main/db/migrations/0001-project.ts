import type { Migration } from '../migrate'

/** Project identity: one row, written when the project is created. */
export const migration0001: Migration = {
  version: 1,
  name: 'project',
  sql: `
    CREATE TABLE project (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
  `
}
