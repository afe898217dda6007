import type { RowPair } from '../formats/pair'

/** A record the export takes: everything but its texts, which are read again when written. */
export type PlannedRecord = Omit<RowPair, 'question' | 'chosen' | 'rejected'> & {
  readonly pairId: number
  readonly status: string
  readonly testModel: boolean
  /** Root (original) image hashes, for leakage-free splits. */
  readonly roots: readonly string[]
}
