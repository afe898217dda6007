import type { ExportPair, RecordEncoder } from './pair-source'

/**
 * A record kept as its fields (JSON), for writers that build their rows only when they write
 * (the Parquet formats, which embed image bytes read at that moment) and for previews.
 */
export const encodePair: RecordEncoder = (pair) => JSON.stringify(pair)

/** The record `encodePair` kept. */
export function decodePair(text: string): ExportPair {
  return JSON.parse(text) as ExportPair
}
