import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { resolveInside } from './resolve-inside'

const root = mkdtempSync(join(tmpdir(), 'resolve-inside-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/**
 * The containment rule every importer uses (folder and VQA import now; the dataset importer's
 * `storeImage` is to call it too): whatever a row names, only a regular file inside the folder.
 */
describe('resolveInside', () => {
  const base = join(root, 'dataset')
  mkdirSync(join(base, 'images'), { recursive: true })
  writeFileSync(join(base, 'images', 'a.png'), 'x')
  writeFileSync(join(root, 'secret.txt'), 'x')
  symlinkSync(join(root, 'secret.txt'), join(base, 'images', 'out.png'))
  symlinkSync(join(root), join(base, 'parent'))
  symlinkSync('a.png', join(base, 'images', 'in.png'))
  symlinkSync('loop2.png', join(base, 'loop1.png'))
  symlinkSync('loop1.png', join(base, 'loop2.png'))
  execFileSync('mkfifo', [join(base, 'fifo.png')])

  it.each([
    ['images/a.png', join(base, 'images', 'a.png')],
    ['images/in.png', join(base, 'images', 'a.png')],
    [join(base, 'images', 'a.png'), join(base, 'images', 'a.png')]
  ])('accepts %s', (path, expected) => {
    expect(resolveInside(base, path)).toBe(expected)
  })

  it.each([
    ['images/out.png', /outside the source folder/],
    ['parent/secret.txt', /outside the source folder/],
    ['../secret.txt', /outside the source folder/],
    [join(root, 'secret.txt'), /outside the source folder/],
    ['https://example.com/a.png', /is a URL/],
    ['file:///etc/passwd', /is a URL/],
    ['fifo.png', /not a regular file/],
    ['images', /not a regular file/],
    ['loop1.png', /loop of symbolic links/],
    ['missing.png', /does not exist/]
  ])('refuses %s', (path, reason) => {
    expect(() => resolveInside(base, path)).toThrow(reason)
  })
})
