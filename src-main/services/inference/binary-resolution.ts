import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

import { resourcesDir } from '../../platform/paths'
import { SIDECAR_BACKENDS, bundleCommit, cachedBinaryPath } from './sidecar-build'
import type { SidecarBackend } from './sidecar-build'

export type BinarySource = 'configured' | 'bundled' | 'cache' | 'path'

export type ResolvedBinary = {
  readonly path: string
  readonly source: BinarySource
  /** Known for cached builds (from the cache key); otherwise null until probed. */
  readonly backend: SidecarBackend | null
}

export type ResolveOptions = {
  /** An explicit binary; the env var DELTA_STUDIO_LLAMA_SERVER is used when this is absent. */
  readonly configuredPath?: string
  /** Restricts cached builds to this backend; without it GPU builds are preferred over CPU. */
  readonly backend?: SidecarBackend
}

const BINARY_NAME = process.platform === 'win32' ? 'llama-server.exe' : 'llama-server'

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, BINARY_NAME)
    if (isExecutable(candidate)) return candidate
  }
  return null
}

/**
 * Finds the llama-server to run, in the order: configured path → bundled in the packaged app
 * (`resources/bin`) → a cached build of the bundled source → `PATH`. Returns null when none
 * exists; a configured path that is not executable is an error, never silently skipped.
 */
export function resolveSidecarBinary(options: ResolveOptions = {}): ResolvedBinary | null {
  const configured = options.configuredPath ?? process.env.DELTA_STUDIO_LLAMA_SERVER
  if (configured) {
    if (!isExecutable(configured))
      throw new Error(`Configured llama-server ${configured} is not executable`)
    return { path: configured, source: 'configured', backend: null }
  }
  const bundled = join(resourcesDir(), 'bin', BINARY_NAME)
  if (isExecutable(bundled)) return { path: bundled, source: 'bundled', backend: null }
  let commit: string | null = null
  try {
    commit = bundleCommit()
  } catch {
    // No source bundle (e.g. a packaged app without node_modules): skip the cache.
  }
  if (commit) {
    const order = options.backend ? [options.backend] : (['cuda', 'vulkan', 'cpu'] as const)
    for (const backend of order) {
      if (!SIDECAR_BACKENDS.includes(backend)) continue
      const cached = cachedBinaryPath(backend, commit)
      if (existsSync(cached)) return { path: cached, source: 'cache', backend }
    }
  }
  const fromPath = onPath()
  return fromPath ? { path: fromPath, source: 'path', backend: null } : null
}

export type BinaryProbe = {
  /** e.g. "0.5.0-dev (build 1, commit de3ff81)"; null when the binary did not say. */
  readonly version: string | null
  /** Device lines of `--list-devices`, e.g. "CUDA0: NVIDIA H100 (81079 MiB, 80500 MiB free)". */
  readonly devices: string[]
}

function runCapture(path: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(path, args, { timeout: 10_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}\n${stderr}`)
    )
  })
}

/** Asks the binary for its version and the devices it can use (GPU detection); never throws. */
export async function probeSidecarBinary(path: string): Promise<BinaryProbe> {
  const [versionOut, devicesOut] = await Promise.all([
    runCapture(path, ['--version']),
    runCapture(path, ['--list-devices'])
  ])
  const version = /version:\s*(.+)/.exec(versionOut)?.[1]?.trim() ?? null
  const devices: string[] = []
  const listed = devicesOut.split('Available devices:')[1] ?? ''
  for (const line of listed.split('\n')) {
    const trimmed = line.trim()
    if (/^\S+: /.test(trimmed)) devices.push(trimmed)
  }
  return { version, devices }
}
