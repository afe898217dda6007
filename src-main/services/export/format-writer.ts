import type { SplitName } from '../../../src-shared/domain/export-split'
import type { ImageSink, WrittenFile } from './image-sink'
import type { ExportPair } from './pair-source'

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
   * Writes one record to a split. Returns null when written, or the reason the record cannot be
   * expressed in this format (the caller reports and skips it). Throws on I/O failure.
   */
  write(pair: ExportPair, split: SplitName): Promise<string | null>
  /** Finishes every file and returns the data files written (images are the sink's). */
  close(): Promise<WrittenFile[]>
  /** Releases open files after a failure; their content no longer matters. */
  abort(): Promise<void>
  /** Extra instructions for the dataset card: how to load this format. */
  readonly loadSnippet: string
}
