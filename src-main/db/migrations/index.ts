import type { Migration } from '../migrate'
import { migration0001 } from './0001-project'
import { migration0002 } from './0002-core'
import { migration0003 } from './0003-pair-query'
import { migration0004 } from './0004-full-text'
import { migration0005 } from './0005-undo'
import { migration0006 } from './0006-pair-texts'
import { migration0007 } from './0007-decoded-media'
import { migration0008 } from './0008-job-owner'
import { migration0009 } from './0009-judge'
import { migration0010 } from './0010-compose'

/** Every migration, in order. Append new files; never edit an applied one. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010
]
