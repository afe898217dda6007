import { readFileSync } from 'node:fs'

import { expect, it } from 'vitest'

import { STUDIO_VERSION } from '../src-main/platform/version'

it('STUDIO_VERSION matches package.json', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  expect(STUDIO_VERSION).toBe(manifest.version)
})
