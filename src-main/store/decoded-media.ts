import type { Db } from '../db/open-database'

/**
 * What a project knows about which image content decodes (`decoded_media`, migration 0007), for
 * one export's self-check: `decodes` asks, `decoded` notes a new fact, `save` writes the new
 * facts in one transaction. Facts are about bytes (SHA-256), so they hold in every export.
 */
export type DecodeMemory = {
  readonly decodes: (sha256: string) => boolean
  readonly decoded: (sha256: string) => void
  readonly save: () => void
}

export function decodeMemory(db: Db): DecodeMemory {
  const known = db.prepare('SELECT 1 FROM decoded_media WHERE sha256 = ?').pluck()
  const learned = new Set<string>()
  return {
    decodes: (sha256) => known.get(sha256) !== undefined,
    decoded: (sha256) => void learned.add(sha256),
    save: () => {
      if (learned.size === 0) return
      const insert = db.prepare(
        'INSERT INTO decoded_media (sha256, checked_at) VALUES (?, ?) ON CONFLICT DO NOTHING'
      )
      const at = new Date().toISOString()
      db.transaction(() => {
        for (const sha256 of learned) insert.run(sha256, at)
      })()
      learned.clear()
    }
  }
}
