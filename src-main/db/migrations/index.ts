import type { Migration } from '../migrate'
import { migration0001 } from './0001-project'
import { migration0002 } from './0002-core'

/** Every migration, in order. Append new files; never edit an applied one. */
export const migrations: readonly Migration[] = [migration0001, migration0002]
