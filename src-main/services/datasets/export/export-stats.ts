import type { SplitName } from '../../../../src-shared/domain/export-split'
import type { PlannedRecord } from './planned-record'

/** What the counts look at in a record. */
export type StatsFields = Pick<
  PlannedRecord,
  'tier' | 'status' | 'origin' | 'recipeKey' | 'perturbType' | 'model' | 'testModel'
>

/**
 * How many records of each kind an export holds: fed each record once as it is planned, and its
 * split once splits are drawn.
 */
export class ExportStats {
  records = 0
  readonly bySplit: Record<string, number> = {}
  readonly byTier: Record<string, number> = {}
  readonly byStatus: Record<string, number> = {}
  readonly byOrigin: Record<string, number> = {}
  readonly models = new Map<string, { records: number; testModel: boolean }>()
  readonly recipes = new Map<string, { perturbType: string | null; records: number }>()
  readonly skipped: Array<{ pairId: number; reason: string }> = []
  testModelRecords = 0

  /** Counts `count` records alike in `pair`'s fields. */
  add(pair: StatsFields, count = 1): void {
    this.records += count
    bump(this.byTier, String(pair.tier), count)
    bump(this.byStatus, pair.status, count)
    bump(this.byOrigin, pair.origin, count)
    if (pair.testModel) this.testModelRecords += count
    if (pair.model) {
      const entry = this.models.get(pair.model) ?? { records: 0, testModel: pair.testModel }
      entry.records += count
      this.models.set(pair.model, entry)
    }
    if (pair.recipeKey) {
      const entry = this.recipes.get(pair.recipeKey) ?? {
        perturbType: pair.perturbType,
        records: 0
      }
      entry.records += count
      this.recipes.set(pair.recipeKey, entry)
    }
  }

  addSplit(split: SplitName): void {
    bump(this.bySplit, split)
  }

  skip(pairId: number, reason: string): void {
    this.skipped.push({ pairId, reason })
  }
}

function bump(counts: Record<string, number>, key: string, count = 1): void {
  counts[key] = (counts[key] ?? 0) + count
}
