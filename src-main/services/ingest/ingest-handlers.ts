import type { Handlers } from '../../rpc/router'
import { previewImport } from './import-preview'

/** `ingest.preview`: what an `import` job of a source would read, before it starts. */
export function ingestHandlers(): Pick<Handlers, 'ingest.preview'> {
  return { 'ingest.preview': ({ source, format, limit }) => previewImport(source, format, limit) }
}
