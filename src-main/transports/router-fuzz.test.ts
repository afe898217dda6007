import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contract } from '../../src-shared/contract'
import { mulberry32 } from '../../src-shared/domain/seeded-random'
import { createCore } from '../app/compose'
import type { Core } from '../app/compose'
import { storeFor } from '../store/store'
import { seedSynthetic } from '../store/test-support/synthetic'
import { startHttpHost } from './http'
import type { HttpHost } from './http'

const SEED = 20261205
const ENVELOPES = 3000
/** The loop stops here even if not every envelope was sent (a slow, shared machine). */
const TIME_BUDGET_MS = 25_000

/**
 * Methods left out because a valid input would act outside the test's project (open or create
 * folders anywhere, start processes, reach the network) or start long jobs. Their malformed
 * inputs still go through the same router rules as every other method.
 */
const ACTING_METHODS = new Set([
  'project.open',
  'project.create',
  'sidecar.start',
  'endpoints.add',
  'jobs.start',
  'exports.start',
  'exports.import'
])

/** Valid-looking inputs the mutations start from. */
const SEEDS: Record<string, unknown[]> = {
  'pairs.list': [{ limit: 20 }, { filter: { statuses: ['pending'] }, sort: 'id', limit: 5 }],
  'pairs.get': [{ id: 1 }],
  'pairs.neighbors': [{ id: 2, filter: {} }],
  'pairs.facets': [{ filter: { tiers: [1] } }],
  'pairs.update': [
    { id: 1, op: { op: 'accept' } },
    { id: 3, op: { op: 'editRejected', text: 'x' } }
  ],
  'pairs.bulk': [{ target: { ids: [1, 2] }, op: { op: 'accept' } }],
  'pairs.history': [{ id: 1 }],
  'samples.list': [{ limit: 10 }],
  'samples.get': [{ id: 1 }],
  'jobs.list': [{ limit: 10 }],
  'jobs.get': [{ id: 'import-deadbeef' }],
  'jobs.errors': [{ id: 'import-deadbeef', offset: 0, limit: 10 }],
  'jobs.cancel': [{ id: 'import-deadbeef' }],
  'exports.list': [{ limit: 5 }],
  'exports.preview': [{ options: { format: 'trl' }, limit: 2 }],
  'app.ping': [{ message: 'hi' }],
  'sidecar.logs': [{ limit: 10 }],
  'endpoints.remove': [{ id: 'x' }]
}

type Rand = () => number

const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T

function randomScalar(r: Rand): unknown {
  return pick(r, [
    () => null,
    () => true,
    () => Math.floor(r() * 2 ** 53) * (r() < 0.5 ? -1 : 1),
    () => r() * 1e308,
    () => -0,
    () => 0.5,
    () => '',
    () => 'x'.repeat(Math.floor(r() * 20_000)),
    () => '\u0000\ud800\uffff💥',
    () => '../../../etc/passwd',
    () => "'; DROP TABLE pairs; --",
    () => '%E0%A4%A',
    () => '__proto__',
    () => 1e21,
    () => 2 ** 31
  ])()
}

function randomValue(r: Rand, depth = 0): unknown {
  const roll = r()
  if (depth > 4 || roll < 0.5) return randomScalar(r)
  if (roll < 0.75)
    return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1))
  const object: Record<string, unknown> = {}
  const keys = [
    'id',
    'ids',
    'op',
    'filter',
    'limit',
    'offset',
    'sort',
    'text',
    'target',
    'constructor',
    '__proto__'
  ]
  for (let i = Math.floor(r() * 4); i > 0; i--) object[pick(r, keys)] = randomValue(r, depth + 1)
  return object
}

/** A copy of `value` with one random change somewhere inside it. */
function mutate(r: Rand, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || r() < 0.25) return randomValue(r)
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as Record<string, unknown>) }
  const keys = Object.keys(copy)
  const action = r()
  if (keys.length > 0 && action < 0.6) {
    const key = pick(r, keys)
    ;(copy as Record<string, unknown>)[key] = mutate(r, (copy as Record<string, unknown>)[key])
  } else if (keys.length > 0 && action < 0.8) {
    delete (copy as Record<string, unknown>)[pick(r, keys)]
  } else {
    ;(copy as Record<string, unknown>)[pick(r, ['extra', 'id', '0', 'op'])] = randomValue(r)
  }
  return copy
}

/** One fuzzed request: the path after /rpc/, and the raw body text (not always JSON). */
function envelope(r: Rand, methods: readonly string[]): { method: string; body: string } {
  const roll = r()
  const method =
    roll < 0.05
      ? pick(r, ['', 'no.such', 'pairs.', '__proto__', 'pairs.list/x', 'constructor'])
      : pick(r, methods)
  const seeds = SEEDS[method] ?? [{}]
  const input = r() < 0.7 ? mutate(r, pick(r, seeds)) : randomValue(r)
  let body = JSON.stringify(input) ?? ''
  const textRoll = r()
  if (textRoll < 0.05) body = body.slice(0, Math.floor(r() * body.length))
  else if (textRoll < 0.08) body = `${'['.repeat(70)}${']'.repeat(70)}`
  else if (textRoll < 0.1) body = Buffer.from(body).toString('latin1') + '\u00ff\u00fe'
  // Some paths go out as written, with broken percent-encoding.
  const pathRoll = r()
  const path =
    pathRoll < 0.03
      ? `${method}${pick(r, ['%', '%E0%A4%A', '%ZZ', '%C0%AF', '%00'])}`
      : encodeURIComponent(method)
  return { method: path, body }
}

function post(port: number, token: string, method: string, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/rpc/${method}`,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json'
        }
      },
      (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('router fuzz (seeded, bounded)', () => {
  let root: string
  let core: Core
  let host: HttpHost
  const internal: string[] = []

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ds-fuzz-'))
    const rendererDir = join(root, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>')
    core = createCore({
      host: 'server',
      projectDir: join(root, 'project'),
      log: (line) => internal.push(line)
    })
    seedSynthetic(storeFor(core.session.require().db), { samples: 40, seed: 3 })
    host = await startHttpHost({ core, rendererDir, port: 0 })
  })
  afterAll(async () => {
    await host.close()
    await core.dispose()
    rmSync(root, { recursive: true, force: true })
  })

  it(`answers ${ENVELOPES} random and mutated envelopes without a 5xx or an INTERNAL error`, async () => {
    const r = mulberry32(SEED)
    const methods = Object.keys(contract).filter((name) => !ACTING_METHODS.has(name))
    const started = Date.now()
    const failures: string[] = []
    let sent = 0
    for (; sent < ENVELOPES && Date.now() - started < TIME_BUDGET_MS; sent++) {
      const { method, body } = envelope(r, methods)
      const reply = await post(host.port, host.token, method, body)
      const parsed =
        reply.status === 200
          ? (JSON.parse(reply.text) as { ok: boolean; error?: { code: string } })
          : null
      if (reply.status >= 500 || parsed?.error?.code === 'INTERNAL') {
        failures.push(
          `${method} ${body.slice(0, 200)} -> ${reply.status} ${reply.text.slice(0, 300)}`
        )
      }
    }
    expect(failures.slice(0, 5)).toEqual([])
    expect(internal.filter((line) => line.startsWith('[rpc]')).slice(0, 3)).toEqual([])
    // Bounded in time, but never so starved that it proves nothing.
    expect(sent).toBeGreaterThan(500)
    const alive = await post(host.port, host.token, 'app.info', '{}')
    expect(JSON.parse(alive.text)).toMatchObject({ ok: true })
  }, 60_000)
})
