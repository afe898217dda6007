import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { dirname } from 'node:path'

import type { SidecarStatusDto } from '../../../src-shared/contract/inference'
import {
  HEALTH_POLL_BACKOFF,
  LineRing,
  backoffDelayMs,
  classifyHealth,
  decideAfterExit,
  restartsAfterReady
} from './readiness'
import { isTestModelFile } from './tiny-vlm'

export type LlamaServerConfig = {
  readonly binary: string
  readonly backend?: string | null
  readonly model: string
  readonly mmproj?: string
  /** Parallel slots (`-np`); default 2. */
  readonly slots?: number
  /** Context per slot; total `-c` is slots × this. Default 2048. */
  readonly ctxPerSlot?: number
  /** `-ngl`; default 0 (CPU). */
  readonly gpuLayers?: number | 'all'
  readonly threads?: number
  readonly extraArgs?: readonly string[]
  /** Time allowed from spawn to /health 200; default 120 s. */
  readonly readyTimeoutMs?: number
  /** Restarts in a row after crashes before giving up; default 3. */
  readonly maxRestarts?: number
  /** Log lines kept for `logs()`; default 500. */
  readonly logLines?: number
}

export type SidecarEndpoint = { readonly url: string; readonly apiKey: string }

/** Thrown by waitUntilReady/start when the sidecar cannot serve (stopped, failed to load). */
export class SidecarUnavailableError extends Error {
  override readonly name = 'SidecarUnavailableError'
}

const STOP_GRACE_MS = 5_000
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Every running sidecar process group, killed synchronously if the host exits without stop(). */
const liveGroups = new Set<number>()
let exitHookInstalled = false
function trackGroup(pid: number): void {
  liveGroups.add(pid)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL')
  })
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group (the sidecar is spawned detached as a group leader).
    process.kill(process.platform === 'win32' ? pid : -pid, signal)
  } catch {
    // Already gone.
  }
}

/** A free TCP port on 127.0.0.1 (bind to 0, read, close); a lost race shows as a bind failure. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Supervises one llama-server process: loopback only, a fresh API key per supervisor, explicit
 * flags, readiness by /health, restart with exponential backoff after crashes (bounded), and a
 * stop that leaves no process behind. Status changes are reported through `onStatus`.
 */
export class LlamaServer {
  readonly config: LlamaServerConfig
  readonly #apiKey = randomBytes(24).toString('hex')
  readonly #logs: LineRing
  readonly #onStatus: (status: SidecarStatusDto) => void
  readonly #isTestModel: boolean
  #status: SidecarStatusDto
  #child: ChildProcess | null = null
  #exited: Promise<void> = Promise.resolve()
  #stopping = false
  #restartTimer: NodeJS.Timeout | null = null
  #waiters: Array<{ resolve: (e: SidecarEndpoint) => void; reject: (e: Error) => void }> = []

  constructor(config: LlamaServerConfig, onStatus: (status: SidecarStatusDto) => void = () => {}) {
    this.config = config
    this.#logs = new LineRing(config.logLines ?? 500)
    this.#onStatus = onStatus
    this.#isTestModel = isTestModelFile(config.model)
    this.#status = {
      state: 'stopped',
      model: config.model,
      mmproj: config.mmproj ?? null,
      isTestModel: this.#isTestModel,
      slots: config.slots ?? 2,
      ctxPerSlot: null,
      backend: config.backend ?? null,
      binary: config.binary,
      url: null,
      pid: null,
      restarts: 0,
      lastError: null
    }
  }

  get status(): SidecarStatusDto {
    return { ...this.#status }
  }

  /** The current endpoint when ready, else null. */
  get endpoint(): SidecarEndpoint | null {
    return this.#status.state === 'ready' && this.#status.url
      ? { url: this.#status.url, apiKey: this.#apiKey }
      : null
  }

  logs(limit?: number): string[] {
    return this.#logs.tail(limit)
  }

  /** Spawns the server and resolves once /health answers 200; rejects if it cannot get there. */
  async start(): Promise<SidecarEndpoint> {
    if (this.#child) return this.waitUntilReady()
    this.#stopping = false
    this.#update({ state: 'starting', restarts: 0, lastError: null })
    void this.#launch()
    return this.waitUntilReady()
  }

  /**
   * Resolves with the endpoint as soon as the server is ready, waiting through loading and
   * crash restarts; rejects with SidecarUnavailableError once it is stopped or has given up.
   */
  waitUntilReady(signal?: AbortSignal): Promise<SidecarEndpoint> {
    const endpoint = this.endpoint
    if (endpoint) return Promise.resolve(endpoint)
    if (this.#status.state === 'stopped' || this.#status.state === 'failed') {
      return Promise.reject(new SidecarUnavailableError(this.#unavailableMessage()))
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject }
      this.#waiters.push(waiter)
      signal?.addEventListener('abort', () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter)
        reject(signal.reason instanceof Error ? signal.reason : new Error('Aborted'))
      })
    })
  }

  /** SIGTERM to the process group, SIGKILL after 5 s; resolves once the process has exited. */
  async stop(): Promise<void> {
    this.#stopping = true
    if (this.#restartTimer) clearTimeout(this.#restartTimer)
    this.#restartTimer = null
    const child = this.#child
    if (child?.pid) {
      killGroup(child.pid, 'SIGTERM')
      const timer = setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), STOP_GRACE_MS)
      await this.#exited
      clearTimeout(timer)
    }
    this.#update({ state: 'stopped', url: null, pid: null })
    this.#settleWaiters(new SidecarUnavailableError('The sidecar was stopped'))
  }

  #unavailableMessage(): string {
    const last = this.#status.lastError
    return last
      ? `The sidecar is ${this.#status.state}: ${last}`
      : `The sidecar is ${this.#status.state}`
  }

  #args(port: number): string[] {
    const c = this.config
    const slots = c.slots ?? 2
    const args = ['-m', c.model, '--host', '127.0.0.1', '--port', String(port)]
    if (c.mmproj) args.push('--mmproj', c.mmproj)
    args.push('-np', String(slots), '-c', String(slots * (c.ctxPerSlot ?? 2048)), '--no-kv-unified')
    args.push('-ngl', String(c.gpuLayers ?? 0), '-fit', 'off', '--no-webui', '--metrics')
    if (c.threads) args.push('-t', String(c.threads))
    return [...args, ...(c.extraArgs ?? [])]
  }

  async #launch(): Promise<void> {
    let port: number
    try {
      port = await freePort()
    } catch (error) {
      return this.#giveUp(`No free port: ${(error as Error).message}`)
    }
    if (this.#stopping) return
    if (this.#status.state !== 'starting') this.#update({ state: 'starting', url: null, pid: null })
    const child = spawn(this.config.binary, this.#args(port), {
      cwd: dirname(this.config.binary),
      // The key travels in the environment so it does not show in `ps`.
      // LLAMA_SERVER_ROUTER_PORT makes llama-server exit when its stdin reaches EOF
      // (llama-server.md §1.3): with stdin a pipe held by this process, the sidecar dies with
      // us even when we are SIGKILLed and no exit handler runs. The group kill stays the normal path.
      env: {
        ...process.env,
        LLAMA_API_KEY: this.#apiKey,
        LLAMA_SERVER_ROUTER_PORT: 'parent-watch'
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true
    })
    this.#child = child
    let everReady = false
    let readyAt = 0
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#child = null
        if (child.pid) liveGroups.delete(child.pid)
        // Reap any helper the server forked into its group.
        if (child.pid && !this.#stopping) killGroup(child.pid, 'SIGKILL')
        const how = signal ? `signal ${signal}` : `exit code ${code}`
        this.#logs.push(`[delta-studio] llama-server exited (${how})`)
        this.#onExit(how, everReady, readyAt)
        resolve()
      })
    })
    child.once('error', (error) => {
      this.#logs.push(`[delta-studio] spawn failed: ${error.message}`)
      // No process came up (missing or non-executable binary): 'exit' never fires, so end here.
      if (!child.pid && this.#child === child) {
        this.#child = null
        this.#giveUp(`cannot run ${this.config.binary}: ${error.message}`)
      }
    })
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.#logs.push(line)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    if (!child.pid) return
    trackGroup(child.pid)
    const url = `http://127.0.0.1:${port}`
    this.#update({ state: 'loading', pid: child.pid, url: null })
    const ok = await this.#pollHealth(url, child)
    if (!ok || this.#child !== child) return
    everReady = true
    readyAt = Date.now()
    const ctxPerSlot = await this.#readSlotContext(url)
    this.#update({ state: 'ready', url, ctxPerSlot })
    const endpoint = { url, apiKey: this.#apiKey }
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(endpoint)
  }

  async #pollHealth(url: string, child: ChildProcess): Promise<boolean> {
    const deadline = Date.now() + (this.config.readyTimeoutMs ?? 120_000)
    for (let attempt = 0; this.#child === child; attempt++) {
      try {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })
        const verdict = classifyHealth(res.status, await res.text())
        if (verdict === 'ready') return true
        if (verdict === 'unexpected')
          this.#logs.push(`[delta-studio] /health answered ${res.status}`)
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        this.#update({ lastError: 'did not become ready in time' })
        if (child.pid) killGroup(child.pid, 'SIGKILL')
        return false
      }
      await sleep(backoffDelayMs(attempt, HEALTH_POLL_BACKOFF))
    }
    return false
  }

  async #readSlotContext(url: string): Promise<number | null> {
    try {
      const res = await fetch(`${url}/props`, {
        headers: { Authorization: `Bearer ${this.#apiKey}` }
      })
      const props = (await res.json()) as { default_generation_settings?: { n_ctx?: number } }
      return props.default_generation_settings?.n_ctx ?? null
    } catch {
      return null
    }
  }

  #onExit(how: string, everReady: boolean, readyAt: number): void {
    const restarts = everReady
      ? restartsAfterReady(this.#status.restarts, Date.now() - readyAt)
      : this.#status.restarts
    const decision = decideAfterExit({
      stopping: this.#stopping,
      restarts,
      maxRestarts: this.config.maxRestarts ?? 3,
      everReady: everReady || restarts > 0
    })
    if (decision.action === 'stopped') return
    const lastLines = this.#logs.tail(8).join('\n')
    const lastError = this.#status.lastError ?? `llama-server ${how}`
    if (decision.action === 'give-up') {
      return this.#giveUp(`${lastError} (${decision.reason})\n${lastLines}`)
    }
    this.#update({
      state: 'crashed',
      url: null,
      pid: null,
      restarts: decision.attempt,
      lastError: `llama-server ${how}`
    })
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null
      if (!this.#stopping) void this.#launch()
    }, decision.delayMs)
  }

  #giveUp(message: string): void {
    this.#update({ state: 'failed', url: null, pid: null, lastError: message })
    this.#settleWaiters(new SidecarUnavailableError(`The sidecar failed: ${message}`))
  }

  #settleWaiters(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error)
  }

  #update(patch: Partial<SidecarStatusDto>): void {
    this.#status = { ...this.#status, ...patch }
    this.#onStatus(this.status)
  }
}
