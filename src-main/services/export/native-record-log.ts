import type { ExportStats } from './export-stats'
import type { ImageList } from './image-list'
import type { PlanResult } from './pair-source'

/** A kept record's entry after its tag: f64 pair id, 16 content id chars, u8 tier, u32 list. */
export const KEPT_ENTRY_BYTES = 29

type RecordArrays = Pick<PlanResult, 'pairIds' | 'keys' | 'tiers' | 'sourceKeys'>

/** Records of one `delta_plan_rows` result, by entry offset; or one record JavaScript planned. */
type Segment =
  | { readonly entries: Buffer; readonly at: number[] }
  | {
      readonly pairId: number
      readonly key: string
      readonly tier: number
      readonly roots: readonly string[]
    }

/**
 * A native plan's kept records in plan order, as the extension reported them ('K' entries, left
 * in their result buffers), with the records JavaScript planned in between (rows the native loop
 * left to it) in their place. They become `PlanResult`'s arrays only when something reads them:
 * a native export's write phase never does (the extension orders and writes the lines), and
 * neither do its splits without validation, so the plan makes no string or array slot per record.
 */
export class NativeRecordLog {
  readonly #segments: Segment[] = []

  /** Notes the kept record whose entry starts at `at` in `entries` (after its tag). */
  addEntry(entries: Buffer, at: number): void {
    const last = this.#segments.at(-1)
    if (last && 'entries' in last && last.entries === entries) last.at.push(at)
    else this.#segments.push({ entries, at: [at] })
  }

  /** Notes a record JavaScript planned, as the plan's next record. */
  addDecoded(pairId: number, key: string, tier: number, roots: readonly string[]): void {
    this.#segments.push({ pairId, key, tier, roots })
  }

  /** The plan's record arrays; `lists`: every image list the entries name, by index. */
  decode(lists: ReadonlyMap<number, ImageList>): RecordArrays {
    const arrays: RecordArrays = { pairIds: [], keys: [], tiers: [], sourceKeys: [] }
    const push = (pairId: number, key: string, tier: number, roots: readonly string[]) => {
      arrays.pairIds.push(pairId)
      arrays.keys.push(key)
      arrays.tiers.push(tier)
      arrays.sourceKeys.push(roots)
    }
    for (const segment of this.#segments) {
      if (!('entries' in segment)) {
        push(segment.pairId, segment.key, segment.tier, segment.roots)
        continue
      }
      const { entries } = segment
      for (const at of segment.at) {
        const list = lists.get(entries.readUInt32LE(at + 25))
        if (!list) throw new Error(`the native export plan named an unknown image list at ${at}`)
        push(
          entries.readDoubleLE(at),
          entries.toString('latin1', at + 8, at + 24),
          entries[at + 24] as number,
          list.roots
        )
      }
    }
    return arrays
  }
}

/** A plan whose record arrays are decoded from `log` the first time one is read. */
export function lazyPlanResult(
  log: NativeRecordLog,
  lists: ReadonlyMap<number, ImageList>,
  stats: ExportStats
): PlanResult {
  let decoded: RecordArrays | null = null
  const arrays = () => (decoded ??= log.decode(lists))
  return {
    get pairIds() {
      return arrays().pairIds
    },
    get keys() {
      return arrays().keys
    },
    get tiers() {
      return arrays().tiers
    },
    get sourceKeys() {
      return arrays().sourceKeys
    },
    stats
  }
}
