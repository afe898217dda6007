import type { SplitName } from '../../../../src-shared/domain/export-split'
import type { RowPair } from '../formats/pair'
import type { ImageSink, WrittenFile } from './image-sink'

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
   * Writes one record to a split, built by the format's row builder. Returns a promise only
   * when the caller must wait (a chunk went to the file, or an image was read to embed).
   */
  write(pair: RowPair, split: SplitName): Promise<void> | undefined
  /** Finishes every file and returns the data files written (images are the sink's). */
  close(): Promise<WrittenFile[]>
  /** Releases open files after a failure; their content no longer matters. */
  abort(): Promise<void>
  /** Extra instructions for the dataset card: how to load this format. */
  readonly loadSnippet: string
}
