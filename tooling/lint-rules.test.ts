import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The layer rules are only worth having if a violation really fails lint. */
describe('layer rules are live', () => {
  const eslint = new ESLint()
  const errorsFor = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath })
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? '')
  }

  it('src-shared may not import node built-ins', async () => {
    const ids = await errorsFor(
      'src-shared/domain/bad.ts',
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n"
    )
    expect(ids).toContain('no-restricted-imports')
  })

  it('the renderer may not import electron or the core', async () => {
    expect(
      await errorsFor(
        'src-renderer/pages/Bad.tsx',
        "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer\n"
      )
    ).toContain('no-restricted-imports')
    expect(
      await errorsFor(
        'src-renderer/pages/Bad2.tsx',
        "import { createCore } from '../../src-main/app/compose'\nexport const x = createCore\n"
      )
    ).toContain('no-restricted-imports')
  })

  it('services may not import electron or a transport', async () => {
    expect(
      await errorsFor(
        'src-main/services/x/bad.ts',
        "import { app } from 'electron'\nexport const x = app\n"
      )
    ).toContain('no-restricted-imports')
    expect(
      await errorsFor(
        'src-main/services/x/bad2.ts',
        "import { startHttpHost } from '../../transports/http'\nexport const x = startHttpHost\n"
      )
    ).toContain('no-restricted-imports')
  })

  it('SQL outside src-main/store and src-main/db fails lint', async () => {
    for (const code of [
      "export const f = (db: { prepare(s: string): unknown }) => db.prepare('SELECT 1')\n",
      'export const f = (db: { exec(s: string): void }) => db.exec(`DELETE FROM pairs`)\n',
      'export const f = (p: { db: { exec(s: string): void } }, q: string) => p.db.exec(q)\n'
    ]) {
      expect(await errorsFor('src-main/services/x/bad.ts', code)).toContain('no-restricted-syntax')
      expect(await errorsFor('src-main/cli/bad.ts', code)).toContain('no-restricted-syntax')
      expect(await errorsFor('src-main/store/ok.ts', code)).not.toContain('no-restricted-syntax')
    }
    const regex = 'export const f = (s: string) => /^a(b)$/.exec(s)?.[1]\n'
    expect(await errorsFor('src-main/services/x/ok.ts', regex)).not.toContain(
      'no-restricted-syntax'
    )
  })

  it('the Electron host may import electron', async () => {
    const ids = await errorsFor(
      'src-main/electron/ok.ts',
      "import { app } from 'electron'\nexport const x = app\n"
    )
    expect(ids).not.toContain('no-restricted-imports')
  })
})
