import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import { appRoot, rendererDir } from '../platform/paths'

/**
 * Builds the renderer bundle when it is missing, so `serve` works straight after `npm ci`.
 * Build output goes to stderr: stdout is reserved for the `--json` line.
 */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(join(rendererDir(), 'index.html'))) return
  log('Building the studio UI (first run only)…')
  const require = createRequire(join(appRoot(), 'package.json'))
  const cli = join(
    dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js'
  )
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build'], {
      cwd: appRoot(),
      stdio: ['ignore', process.stderr, process.stderr]
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`UI build failed (exit ${code})`))
    )
  })
}
