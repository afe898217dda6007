import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

export type AppServer = {
  readonly url: string
  readonly origin: string
  readonly token: string
  readonly projectDir: string
  stop(): Promise<void>
}

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Starts `delta-studio serve <tmp project> --port 0 --json` as a real child process, exactly
 * as a user would, and reads the URL from its first stdout line.
 */
export async function startAppServer(options: { projectDir?: string } = {}): Promise<AppServer> {
  const scratch = mkdtempSync(join(tmpdir(), 'ds-e2e-'))
  const projectDir = options.projectDir ?? join(scratch, 'project')
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/delta-studio.js'), 'serve', projectDir, '--port', '0', '--json'],
    {
      cwd: ROOT,
      // App settings (recent projects, model) go to the scratch folder, not the user's own.
      env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config') },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const url = await firstLine(child).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw new Error(`serve did not start: ${String(error)}\n${stderr.join('')}`)
  })
  const parsed = new URL((JSON.parse(url) as { url: string }).url)
  return {
    url: parsed.toString(),
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    projectDir,
    async stop() {
      await stopChild(child)
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => resolvePromise(line))
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolvePromise()
    })
    child.kill('SIGTERM')
  })
}
