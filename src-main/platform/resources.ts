import { readFileSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'

import type { z } from 'zod'

import { resourcesDir } from './paths'

/**
 * The path of a shipped runtime asset under `resources/` (icons, prompt templates, the demo
 * recipe, the model catalogue). They are read at run time, from the repository in development
 * and from the app folder when packaged, so they can change without a rebuild of the code.
 */
export function resourcePath(relativePath: string): string {
  const path = join(resourcesDir(), relativePath)
  const inside = relative(resourcesDir(), path)
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new Error(`resource path ${relativePath} leaves the resources folder`)
  }
  return path
}

export function readResourceText(relativePath: string): string {
  return readFileSync(resourcePath(relativePath), 'utf8')
}

/** Reads and validates a JSON resource; a broken file names itself and the first problems. */
export function readResourceJson<T>(relativePath: string, schema: z.ZodType<T>): T {
  let value: unknown
  try {
    value = JSON.parse(readResourceText(relativePath)) as unknown
  } catch (error) {
    throw new Error(`resources/${relativePath}: ${(error as Error).message}`, { cause: error })
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new Error(`resources/${relativePath} is invalid: ${issues.join('; ')}`)
  }
  return parsed.data
}
