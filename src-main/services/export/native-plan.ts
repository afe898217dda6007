import { setImmediate as nextTurn } from 'node:timers/promises'

import type { ExportOptions } from '../../../src-shared/contract/exports'
import type { SplitName } from '../../../src-shared/domain/export-split'
import type { Db } from '../../db/open-database'
import type { SqlWhere } from '../../store/pair-filter-sql'
import type { ImageList } from './image-list'
import { imageNameSuffix } from './image-sink'
import type { ImagePlacer } from './image-sink'
import { pairReadSql } from './pair-source'
import type { PlanResult, RecordEncoder } from './pair-source'
import { KEPT_ENTRY_BYTES, lazyPlanResult } from './native-record-log'
import type { NativeRecordLog } from './native-record-log'
import type { PairRow, PlanBuilder, RecordSink } from './plan-builder'
import type { Extent, RecordSpill } from './record-spill'

/**
 * Rows per `delta_plan_rows` call: about 10 ms of native work at 100k pairs, between two turns
 * of the event loop (image copies are handed out and a cancel is seen there).
 */
const CHUNK_ROWS = 2048

const SKIP_REASONS = ['the pair has no image', 'chosen and rejected are identical'] as const
const DUPLICATE = 2

/**
 * Makes `planPairs`'s plan of a TRL export in the export's SQLite extension
 * (native/export-plan.c): the id, dedupe, line, order bucket and spill of every row happen in one
 * native loop inside the read, chunk by chunk, and JavaScript gets a few fixed-size fields per
 * record. The texts never become JavaScript strings. The chunks read one snapshot (one read
 * transaction). Rows the loop leaves to JavaScript (a text that is NULL or not UTF-8, an image
 * format it cannot name) are planned by `builder.planRow` in their place, so records come out in
 * the same order, with the same bytes, as the JavaScript path gives.
 */
export async function planNatively(
  db: Db,
  where: SqlWhere,
  options: ExportOptions,
  spill: RecordSpill,
  builder: PlanBuilder,
  hooks: { encode: RecordEncoder; images: ImagePlacer; signal?: AbortSignal | undefined }
): Promise<PlanResult> {
  const chunk = db
    .prepare(
      `SELECT delta_plan_rows(id, tier, q, c, r, imgs, status, origin, recipe, perturb, run)
         FROM (${pairReadSql(where, options, 'p.id > @planAfter')} LIMIT ${CHUNK_ROWS})`
    )
    .pluck()
  const oneRow = db.prepare(pairReadSql(where, options, 'p.id = @planRow')).raw(true)
  const admit = db.prepare('SELECT delta_plan_admit(?)').pluck()
  const append = db.prepare('SELECT delta_plan_append(?, ?)').pluck()
  const sink: RecordSink = {
    admit: (id) => admit.get(id) === 1,
    append: (text, bucket) => append.get(Buffer.from(text, 'utf8'), bucket) as number
  }
  const lists = new Map<number, ImageList>()
  const log = builder.logRecords()
  db.exec('BEGIN')
  try {
    db.prepare('SELECT delta_plan_begin(?, ?, ?, ?, ?, ?)').get(
      spill.path,
      spill.bucketCount,
      options.order === 'curriculum' ? 1 : 0,
      options.seed,
      options.dedupe ? 1 : 0,
      imageNameSuffix(options.images)
    )
    let after = Number.MIN_SAFE_INTEGER
    for (;;) {
      const entries = chunk.get({ ...where.params, planAfter: after }) as Buffer
      const read = readEntries(entries, builder, log, lists, hooks.images)
      if (read.fallback !== null) {
        const row = oneRow.get({ ...where.params, planRow: read.fallback }) as PairRow
        builder.planRow(row, hooks.encode, sink)
        after = read.fallback
      } else if (read.rows < CHUNK_ROWS) {
        break
      } else {
        after = read.last
      }
      await nextTurn()
      hooks.signal?.throwIfAborted()
    }
    const layout = db.prepare('SELECT delta_plan_finish()').pluck().get() as Buffer
    adoptLayout(layout, spill, builder)
    return lazyPlanResult(log, lists, builder.plan.stats)
  } finally {
    // A read-only transaction: ending it cannot fail in a way worth hiding the plan's own error.
    if (db.inTransaction) db.exec('COMMIT')
  }
}

/**
 * Takes in one `delta_plan_rows` result: kept records into the plan, skips into its stats, new
 * image lists placed in `images` (whose names must be those the native loop wrote). Returns the
 * rows it covered, the last pair id, and the pair the loop left to JavaScript, if any.
 */
function readEntries(
  entries: Buffer,
  builder: PlanBuilder,
  log: NativeRecordLog,
  lists: Map<number, ImageList>,
  images: ImagePlacer
): { rows: number; last: number; fallback: number | null } {
  let at = 0
  let rows = 0
  let last = 0
  while (at < entries.length) {
    const tag = entries[at++]
    if (tag === 0x4b /* K */) {
      log.addEntry(entries, at)
      last = entries.readDoubleLE(at)
      at += KEPT_ENTRY_BYTES
      rows++
    } else if (tag === 0x53 /* S */) {
      const pairId = entries.readDoubleLE(at)
      const reason = entries[at + 8] as number
      builder.plan.stats.skip(
        pairId,
        reason === DUPLICATE
          ? `duplicate of record ${entries.toString('latin1', at + 9, at + 25)}`
          : (SKIP_REASONS[reason] as string)
      )
      at += 25
      rows++
      last = pairId
    } else if (tag === 0x4e /* N */) {
      const index = entries.readUInt32LE(at)
      const listLength = entries.readUInt32LE(at + 4)
      const value = entries.toString('utf8', at + 8, at + 8 + listLength)
      at += 8 + listLength
      const pathsLength = entries.readUInt32LE(at)
      const paths = entries.toString('utf8', at + 4, at + 4 + pathsLength)
      at += 4 + pathsLength
      const list = builder.lists.parse(value)
      const placed = list.images.map((image) => JSON.stringify(images.place(image))).join(',')
      if (placed !== paths) {
        throw new Error(
          `the native export plan named the images ${paths}, the image sink ${placed}: the two must agree (native/export-plan.c, put_paths)`
        )
      }
      lists.set(index, list)
    } else if (tag === 0x46 /* F */) {
      return { rows: rows + 1, last, fallback: entries.readDoubleLE(at) }
    } else {
      throw new Error(`the native export plan returned an unknown entry (${tag}) at byte ${at - 1}`)
    }
  }
  return { rows, last, fallback: null }
}

/** Reads `delta_plan_finish`'s layout: the spill adopts the records, the plan counts the classes. */
function adoptLayout(layout: Buffer, spill: RecordSpill, builder: PlanBuilder): void {
  const records = layout.readUInt32LE(0)
  const bucketCount = layout.readUInt32LE(4)
  let at = 8
  const bucketBytes: number[] = []
  const extents: Extent[][] = []
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    bucketBytes.push(layout.readDoubleLE(at))
    const runs = layout.readUInt32LE(at + 8)
    at += 12
    const list: Extent[] = []
    for (let run = 0; run < runs; run++, at += 12) {
      list.push({ position: layout.readDoubleLE(at), length: layout.readUInt32LE(at + 8) })
    }
    extents.push(list)
  }
  const buckets = new Uint16Array(records)
  const offsets = new Uint32Array(records)
  const lengths = new Uint32Array(records)
  for (let index = 0; index < records; index++, at += 10) {
    buckets[index] = layout.readUInt16LE(at)
    offsets[index] = layout.readUInt32LE(at + 2)
    lengths[index] = layout.readUInt32LE(at + 6)
  }
  spill.adopt({ buckets, offsets, lengths, bucketBytes, extents })
  const classes = layout.readUInt32LE(at)
  at += 4
  for (let i = 0; i < classes; i++) {
    const keyLength = layout.readUInt32LE(at)
    const key = new ClassReader(layout, at + 4)
    at += 4 + keyLength
    const tier = key.byte()
    const [status, origin, recipeKey, perturbType] = [
      key.text(),
      key.text(),
      key.text(),
      key.text()
    ]
    const run = key.byte() === 0 ? null : key.double()
    builder.addClass(
      { tier, status: status as string, origin: origin as string, recipeKey, perturbType },
      run,
      layout.readUInt32LE(at)
    )
    at += 4
  }
}

/** Reads a class key (native/export-plan.c, class_key) field by field. */
class ClassReader {
  readonly #bytes: Buffer
  #at: number

  constructor(bytes: Buffer, at: number) {
    this.#bytes = bytes
    this.#at = at
  }

  byte(): number {
    return this.#bytes[this.#at++] as number
  }

  double(): number {
    const value = this.#bytes.readDoubleLE(this.#at)
    this.#at += 8
    return value
  }

  text(): string | null {
    if (this.byte() === 0) return null
    const length = this.#bytes.readUInt32LE(this.#at)
    const value = this.#bytes.toString('utf8', this.#at + 4, this.#at + 4 + length)
    this.#at += 4 + length
    return value
  }
}

/** Bytes of lines per `delta_plan_write` call: a few ms of work between turns of the event loop. */
const WRITE_BYTES = 1 << 20

/** A split file as the extension wrote it. */
export type NativeFile = { readonly bytes: number; readonly sha256: string }

/**
 * Writes the records of a plan made by `planNatively` (whose connection `db` must still be open)
 * in export order (`exportSequence`'s order) into new split files at `paths`: the extension
 * creates them, writes each line from the spill with its newline and hashes it on the way, and
 * JavaScript never holds the lines. `splits`: each record's split; `paths.validation` is null
 * when no record is in validation. After each step (about 1 MiB of lines) `between` gets the
 * records written so far, and may end the export by throwing. Returns each file's size and hash.
 */
export async function writeNativeSplits(
  db: Db,
  splits: readonly SplitName[],
  paths: { readonly train: string; readonly validation: string | null },
  between: (written: number) => Promise<void>
): Promise<{ train: NativeFile; validation: NativeFile | null }> {
  const order = Buffer.alloc(splits.length)
  splits.forEach((split, index) => {
    order[index] = split === 'validation' ? 1 : 0
  })
  db.prepare('SELECT delta_plan_order(?, ?, ?)').get(order, paths.train, paths.validation)
  const write = db.prepare('SELECT delta_plan_write(?)').pluck()
  for (let written = 0; written < splits.length;) {
    written = write.get(WRITE_BYTES) as number
    await between(written)
  }
  const files = db.prepare('SELECT delta_plan_close_files()').pluck().get() as string
  const [train, validation] = JSON.parse(files) as [NativeFile, NativeFile | null]
  return { train, validation }
}
