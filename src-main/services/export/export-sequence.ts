import type { ExportOptions } from '../../../src-shared/contract/exports'
import { exportOrder } from '../../../src-shared/domain/export-order'
import type { PlanResult } from './pair-source'
import type { RecordSpill } from './record-spill'

/**
 * The planned records' indices in export order: bucket by bucket (see `orderBucket`, which
 * `planPairs` used to file each record), each bucket ordered by `exportOrder` over just its
 * records, which gives exactly `exportOrder` over all of them. Each bucket is loaded before its
 * records are yielded, so they can be read from `records` until the next one is.
 */
export function* exportSequence(
  records: RecordSpill,
  plan: Pick<PlanResult, 'keys' | 'tiers'>,
  options: Pick<ExportOptions, 'order' | 'seed'>
): Generator<number, void, undefined> {
  for (let bucket = 0; bucket < records.bucketCount; bucket++) {
    const members = records.recordsOf(bucket)
    if (members.length === 0) continue
    records.load(bucket)
    const items = members.map((index) => ({
      key: plan.keys[index] as string,
      tier: plan.tiers[index] as number
    }))
    for (const local of exportOrder(items, options.order, options.seed)) {
      yield members[local] as number
    }
  }
}
