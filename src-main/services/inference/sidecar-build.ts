import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync
} from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, join } from 'node:path'

import { appRoot, userCacheDir } from '../../platform/paths'

export type SidecarBackend = 'cpu' | 'cuda' | 'vulkan'
export const SIDECAR_BACKENDS: readonly SidecarBackend[] = ['cpu', 'cuda', 'vulkan']

export type BuildProgress = {
  stage: 'clone' | 'configure' | 'compile' | 'install'
  done?: number
  total?: number
  line?: string
}

export type BuildOptions = {
  readonly backend?: SidecarBackend
  readonly onProgress?: (progress: BuildProgress) => void
  /** CUDA only: e.g. "90" for H100; defaults to `native` (the GPU of the build machine). */
  readonly cudaArchitectures?: string
  readonly jobs?: number
}

export type SidecarBinary = {
  readonly path: string
  readonly backend: SidecarBackend
  readonly commit: string
  /** `cache`: an earlier build was reused; `built`: this call compiled it. */
  readonly source: 'cache' | 'built'
}

/** The llama.cpp source shipped inside the pinned node-llama-cpp package (a git bundle). */
export function llamaSourceBundle(): string {
  return join(appRoot(), 'node_modules', 'node-llama-cpp', 'llama', 'gitRelease.bundle')
}

/** Full commit hash of the bundle's HEAD, read without cloning. */
export function bundleCommit(bundle = llamaSourceBundle()): string {
  const heads = execFileSync('git', ['bundle', 'list-heads', bundle], { encoding: 'utf8' })
  const commit = /^([0-9a-f]{40})\s/m.exec(heads)?.[1]
  if (!commit) throw new Error(`No commit found in ${bundle}`)
  return commit
}

export function sidecarCacheRoot(): string {
  return join(userCacheDir(), 'llama-server')
}

/** `<cache>/<first 12 hex of commit>-<backend>/llama-server`; shared by every clone of the studio. */
export function cachedBinaryPath(backend: SidecarBackend, commit = bundleCommit()): string {
  return join(sidecarCacheRoot(), `${commit.slice(0, 12)}-${backend}`, 'llama-server')
}

function cmakeFlags(options: BuildOptions): string[] {
  const flags = [
    '-G',
    'Ninja',
    '-DCMAKE_BUILD_TYPE=Release',
    // Offline-safe: no HTTPS, no UI download from Hugging Face at build time, no tests/examples.
    '-DLLAMA_OPENSSL=OFF',
    '-DLLAMA_BUILD_TESTS=OFF',
    '-DLLAMA_BUILD_EXAMPLES=OFF',
    '-DLLAMA_BUILD_UI=OFF',
    '-DLLAMA_USE_PREBUILT_UI=OFF',
    // One static binary: nothing to find at runtime, so the cache holds a single file.
    '-DBUILD_SHARED_LIBS=OFF',
    '-DMTMD_VIDEO=OFF'
  ]
  if (options.backend === 'cuda') {
    flags.push(
      '-DGGML_CUDA=ON',
      `-DCMAKE_CUDA_ARCHITECTURES=${options.cudaArchitectures ?? 'native'}`
    )
  }
  if (options.backend === 'vulkan') flags.push('-DGGML_VULKAN=ON')
  return flags
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  onLine: (line: string) => void
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const tail: string[] = []
    const feed = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue
        tail.push(line)
        if (tail.length > 40) tail.shift()
        onLine(line)
      }
    }
    child.stdout.on('data', feed)
    child.stderr.on('data', feed)
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`${cmd} ${args[0] ?? ''} failed (exit ${code}):\n${tail.join('\n')}`))
    })
  })
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `<key dir>.lock` (O_EXCL). A lock whose owner process is gone is stale and is taken
 * over, so a crashed build never blocks later ones. Waits while another live process builds.
 */
export async function acquireBuildLock(lock: string): Promise<() => void> {
  for (;;) {
    try {
      const fd = openSync(lock, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(lock, 'utf8').trim() || 0)
      if (owner && !pidAlive(owner)) rmSync(lock, { force: true })
      else await sleep(1000)
    }
  }
}

/**
 * Builds llama-server for `backend` from the bundled llama.cpp source (offline: clone of the
 * local bundle, CMake + Ninja), then moves the binary into the cache atomically. Concurrent
 * calls from several processes build once: the others wait on the lock and reuse the result.
 * Throws with the compiler's last output lines when the build fails; the cache stays untouched.
 */
export async function buildSidecar(options: BuildOptions = {}): Promise<SidecarBinary> {
  const backend = options.backend ?? 'cpu'
  const bundle = llamaSourceBundle()
  if (!existsSync(bundle))
    throw new Error(`llama.cpp source bundle not found at ${bundle}; run npm ci`)
  const commit = bundleCommit(bundle)
  const target = cachedBinaryPath(backend, commit)
  const keyDir = join(target, '..')
  mkdirSync(sidecarCacheRoot(), { recursive: true })
  const release = await acquireBuildLock(`${keyDir}.lock`)
  try {
    if (existsSync(target)) return { path: target, backend, commit, source: 'cache' }
    const progress = options.onProgress ?? (() => undefined)
    // Holding the key's lock means no live build of this key exists: clear what a killed one left.
    const key = basename(keyDir)
    for (const name of readdirSync(sidecarCacheRoot())) {
      if (name.startsWith(`.build-${key}-`))
        rmSync(join(sidecarCacheRoot(), name), { recursive: true, force: true })
    }
    const work = mkdtempSync(join(sidecarCacheRoot(), `.build-${key}-`))
    try {
      const src = join(work, 'llama.cpp')
      progress({ stage: 'clone' })
      await run('git', ['clone', '--quiet', bundle, src], work, (line) =>
        progress({ stage: 'clone', line })
      )
      progress({ stage: 'configure' })
      await run('cmake', ['-B', 'build', ...cmakeFlags({ ...options, backend })], src, (line) =>
        progress({ stage: 'configure', line })
      )
      const jobs = String(options.jobs ?? availableParallelism())
      await run(
        'cmake',
        ['--build', 'build', '--target', 'llama-server', '-j', jobs],
        src,
        (line) => {
          // Ninja prints "[done/total] Building …" for each step.
          const m = /^\[(\d+)\/(\d+)\]/.exec(line)
          progress(
            m
              ? { stage: 'compile', done: Number(m[1]), total: Number(m[2]), line }
              : { stage: 'compile', line }
          )
        }
      )
      progress({ stage: 'install' })
      mkdirSync(keyDir, { recursive: true })
      const tmp = `${target}.${process.pid}.tmp`
      copyFileSync(join(src, 'build', 'bin', 'llama-server'), tmp)
      chmodSync(tmp, 0o755)
      renameSync(tmp, target)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
    return { path: target, backend, commit, source: 'built' }
  } finally {
    release()
  }
}

/**
 * The llama-server binary for `backend` built from the bundled source: the cached build when
 * present (instant), otherwise it builds one (about 8.5 minutes for CPU on 2 cores). This is the
 * one entry point tests, e2e setup and the generation pipeline use.
 */
export async function ensureSidecarBinary(options: BuildOptions = {}): Promise<SidecarBinary> {
  const backend = options.backend ?? 'cpu'
  const commit = bundleCommit()
  const path = cachedBinaryPath(backend, commit)
  if (existsSync(path)) return { path, backend, commit, source: 'cache' }
  return buildSidecar({ ...options, backend })
}
