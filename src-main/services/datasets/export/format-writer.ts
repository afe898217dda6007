import type { SplitName } from '../../../src-shared/domain/export-split'
import type { ImageSink, WrittenFile } from './image-sink'
import type { JsonlFile } from './jsonl-file'
import type { RecordSpill } from './record-spill'

/** What every format writer gets: where to write, how to place images, which splits exist. */
export type WriterContext = {
  readonly dir: string
  readonly images: ImageSink
  readonly name: string
  readonly projectName: string
  readonly splits: readonly SplitName[]
}

/** A streaming writer for one export format. */
export type FormatWriter = {
  /** The data file of each split, relative to the export folder. */
  readonly dataFiles: Readonly<Partial<Record<SplitName, string>>>
  /**
   * Writes record `index` of `records` (encoded by this format's `RecordEncoder`) to a split.
   * Returns a promise only when the caller must wait (a chunk went to the file): at one call per
   * record, 100k awaited promises cost more than the bytes they move. Throws on I/O failure.
   */
  write(records: RecordSpill, index: number, split: SplitName): Promise<void> | undefined
  /**
   * JSON Lines formats: each split's file, which a natively planned export writes whole
   * (`writeNativeSplits`) and hands back with `JsonlFile.adopt`.
   */
  readonly jsonlFiles?: ReadonlyMap<SplitName, JsonlFile>
  /** Finishes every file and returns the data files written (images are the sink's). */
  close(): Promise<WrittenFile[]>
  /** Releases open files after a failure; their content no longer matters. */
  abort(): Promise<void>
  /** Extra instructions for the dataset card: how to load this format. */
  readonly loadSnippet: string
}
