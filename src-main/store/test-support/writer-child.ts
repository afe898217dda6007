/**
 * A separate process that writes to a project database, for the concurrency and crash-safety
 * tests: `node --import tsx writer-child.ts <db-file> <mode> [ms]`.
 * - `responses`: inserts responses (one write transaction of 20 each) for `ms` milliseconds.
 * - `crash`: inserts responses and edits pair texts until killed.
 * After each commit it prints `committed <last response id>`, so the parent knows exactly which
 * rows were committed before it killed the process.
 */
import { migrate } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { openDatabase } from '../../db/open-database'
import { storeFor } from '../store'
import { writeTx } from '../write-tx'

const [file, mode, ms] = process.argv.slice(2)
if (!file || !mode) throw new Error('usage: writer-child.ts <db-file> <mode> [ms]')
const db = openDatabase(file)
migrate(db, migrations)
const store = storeFor(db)
const runId = store.runs.create({ model: `writer-${process.pid}`, params: {} })
const samples = db.prepare('SELECT id FROM samples ORDER BY id').pluck().all() as number[]
const pairs = db.prepare('SELECT id FROM pairs ORDER BY id').pluck().all() as number[]
const until = Date.now() + Number(ms ?? 2000)
let n = 0

while (mode === 'crash' || Date.now() < until) {
  const lastId = writeTx(db, () => {
    let last = 0
    for (let k = 0; k < 20; k++, n++) {
      const sampleId = samples[n % samples.length]!
      last = store.responses.insert({
        runId,
        sampleId,
        variantKey: `w:${Math.floor(n / samples.length)}`,
        text: `answer ${n} `.repeat(40),
        completionTokens: 80
      }).id
    }
    return last
  })
  if (mode === 'crash' && pairs.length) {
    const pairId = pairs[n % pairs.length]!
    store.changes.update(pairId, { op: 'editChosen', text: `crash edit ${n}` }, undefined, 'test')
  }
  process.stdout.write(`committed ${lastId}\n`)
}
db.close()
