import { ModelCatalog } from '../../../src-shared/contract/catalog'
import { readResourceJson } from '../../platform/resources'

/** The recommended VLMs shipped in `resources/models/catalog.json`, validated on every read. */
export function modelCatalog(): ModelCatalog {
  return readResourceJson('models/catalog.json', ModelCatalog)
}
