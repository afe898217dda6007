import { readFileSync } from 'node:fs'

import { expect, it } from 'vitest'

/** `npm ci` refuses a lock missing any optional dependency; see scripts/lock-platform-entries.mjs. */
it('package-lock.json lists every optional platform package of node-llama-cpp', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { optionalDependencies?: Record<string, string> }>
  }
  const optional = Object.keys(
    lock.packages['node_modules/node-llama-cpp']?.optionalDependencies ?? {}
  )
  expect(optional.length).toBeGreaterThan(0)
  const missing = optional.filter((name) => !lock.packages[`node_modules/${name}`])
  expect(missing, 'run: node scripts/lock-platform-entries.mjs').toEqual([])
})
