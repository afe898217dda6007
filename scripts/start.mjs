#!/usr/bin/env node
// `npm start`: build, then launch the Electron app. Where the Electron binary is missing
// (offline installs skip its download), say so and fall back to browser mode.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { createDemo, generateInForeground, generateInStudio } from './demo-flow.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const projectDir =
  process.argv[2] ??
  join(
    process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'),
    'delta-studio',
    'demo-project'
  )

// With no project argument the demo project opens; on its first run it is created and its
// pairs are generated (demo-flow.mjs).
const isDemo = process.argv[2] === undefined
const demoFirstRun = isDemo && !existsSync(join(projectDir, 'studio.db'))

const build = spawnSync(
  process.execPath,
  [
    join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
    'build'
  ],
  {
    cwd: root,
    stdio: 'inherit'
  }
)
if (build.status !== 0) process.exit(build.status ?? 1)
if (demoFirstRun) createDemo(root, projectDir)

const electronBinary = findElectronBinary()
if (electronBinary) {
  if (demoFirstRun) generateInForeground(root, projectDir)
  const child = spawn(electronBinary, [join(root, 'out/main/index.js'), projectDir], {
    stdio: 'inherit'
  })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.error('Electron binary not installed (offline install); starting browser mode instead.')
  const child = spawn(
    process.execPath,
    [join(root, 'bin/delta-studio.js'), 'serve', projectDir, '--json'],
    { stdio: ['inherit', 'pipe', 'inherit'] }
  )
  let announced = false
  child.stdout.on('data', (chunk) => {
    if (announced) return void process.stdout.write(chunk)
    announced = true
    const { url } = JSON.parse(String(chunk).split('\n')[0])
    console.error(`Delta Studio is serving ${projectDir} at ${url}`)
    if (isDemo) {
      generateInStudio(url).catch((error) => console.error(`Demo generation: ${error.message}`))
    }
  })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code) => process.exit(code ?? 0))
}

/**
 * The installed Electron executable, or null. Reads electron's own `path.txt` instead of
 * `require('electron')`, which tries to download a missing binary (and fails loudly offline).
 */
function findElectronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const override = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
      return existsSync(override) ? override : null
    }
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
