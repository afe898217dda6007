import { describe, expect, it } from 'vitest'

import { NOW, dbAt, migrateAll } from './migration-fixtures'

describe('migration 0010 compose', () => {
  const withSamples = () => {
    const db = dbAt(9)
    migrateAll(db)
    const insert = db.prepare(
      'INSERT INTO samples (id, question, dedupe_key, created_at) VALUES (?, ?, ?, ?)'
    )
    for (const id of [1, 2, 3]) insert.run(id, `q${id}`, `k${id}`, NOW)
    return db
  }

  it('keeps one value per label name and sample, and drops labels with their sample', () => {
    const db = withSamples()
    const label = db.prepare('INSERT INTO sample_labels (sample_id, name, value) VALUES (?, ?, ?)')
    label.run(1, 'number', '4821')
    expect(() => label.run(1, 'number', '1111')).toThrow(/UNIQUE/)
    expect(() => label.run(1, '', 'x')).toThrow(/CHECK/)
    db.prepare('DELETE FROM samples WHERE id = 1').run()
    expect(db.prepare('SELECT COUNT(*) FROM sample_labels').pluck().get()).toBe(0)
  })

  it('records a composition with its ordered sources, refusing unknown layouts and roles', () => {
    const db = withSamples()
    const compose = db.prepare(
      `INSERT INTO compositions (sample_id, tier, layout, template, seed, image_count, created_at)
       VALUES (?, 1, ?, 'locate', 7, ?, ?)`
    )
    compose.run(3, 'grid', 2, NOW)
    expect(() => compose.run(2, 'mosaic', 2, NOW)).toThrow(/CHECK/)
    expect(() => compose.run(2, 'grid', 10, NOW)).toThrow(/CHECK/)
    const source = db.prepare(
      'INSERT INTO composition_sources (sample_id, position, source_sample_id, role) VALUES (3, ?, ?, ?)'
    )
    source.run(0, 2, 'distractor')
    source.run(1, 1, 'target')
    expect(() => source.run(2, 1, 'hero')).toThrow(/CHECK/)
    expect(() => source.run(3, 99, 'target')).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM samples WHERE id = 3').run()
    expect(db.prepare('SELECT COUNT(*) FROM composition_sources').pluck().get()).toBe(0)
  })

  it('adds a perplexity to responses that is at least 1 when known', () => {
    const db = withSamples()
    db.prepare(`INSERT INTO runs (id, model, params, created_at) VALUES (1, 'm', '{}', ?)`).run(NOW)
    const insert = db.prepare(
      `INSERT INTO responses (run_id, sample_id, variant_key, text, perplexity, created_at)
       VALUES (1, 1, ?, 'a', ?, ?)`
    )
    insert.run('hard', 1.7, NOW)
    insert.run('guided', null, NOW)
    expect(() => insert.run('x', 0.5, NOW)).toThrow(/CHECK/)
  })
})
