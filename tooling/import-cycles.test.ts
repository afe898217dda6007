import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

/** Relative imports of a file (type-only ones too: they couple modules just the same). */
function importsOf(file: string, known: Set<string>): string[] {
  const text = readFileSync(file, 'utf8')
  const targets: string[] = []
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), match[1]!)
    const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) =>
      known.has(p)
    )
    if (hit) targets.push(hit)
  }
  return targets
}

/** Every cycle's members, found as the strongly connected components of the import graph. */
export function importCycles(dir: string): string[][] {
  const files = sourceFiles(dir)
  const known = new Set(files)
  const graph = new Map(files.map((f) => [f, importsOf(f, known)]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let next = 0
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(relative(root, w))
      } while (w !== v)
      const selfLoop = (graph.get(v) ?? []).includes(v)
      if (component.length > 1 || selfLoop) cycles.push(component.sort())
    }
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return cycles
}

describe('import graph', () => {
  it('has no import cycle inside src-main/services', () => {
    expect(importCycles(join(root, 'src-main/services'))).toEqual([])
  })
})
