import { migrate } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { openDatabase } from '../../db/open-database'
import { storeFor } from '../store'
import type { Store } from '../store'
import { seedSynthetic } from './synthetic'

/** A migrated in-memory (or file) store, seeded with `samples` synthetic samples. */
export function openTestStore(samples = 0, file = ':memory:', seed = 7): Store {
  const db = openDatabase(file)
  migrate(db, migrations)
  const store = storeFor(db)
  if (samples > 0) seedSynthetic(store, { samples, seed })
  return store
}
