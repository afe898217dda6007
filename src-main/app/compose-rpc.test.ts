import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createClient } from '../../src-shared/rpc/client'
import type { Client } from '../../src-shared/rpc/client'
import type { RpcError } from '../../src-shared/rpc/errors'
import { fillDemoProject } from '../services/demo/demo-dataset'
import { createMemoryTransport } from '../transports/memory'
import { createCore } from './compose'
import type { Core } from './compose'

let root: string
let core: Core
let client: Client

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ds-compose-rpc-'))
  core = createCore({ host: 'memory', projectDir: join(root, 'p') })
  await fillDemoProject(core.session.require(), { seed: 3, count: 10 })
  client = createClient(createMemoryTransport(core))
})
afterAll(async () => {
  await core.dispose()
  rmSync(root, { recursive: true, force: true })
})

describe('compose over the contract', () => {
  it('starts through jobs.start, then lists the composed samples with their sources', async () => {
    const { jobId } = await client.call('jobs.start', {
      kind: 'compose',
      params: { tiers: [2, 3], layouts: ['sequence'], count: 2, seed: 5 }
    })
    const job = await core.jobs.whenFinished(jobId)
    expect(job).toMatchObject({ status: 'completed', done: 4, total: 4 })
    const list = await client.call('compose.list', { tiers: [2] })
    expect(list.total).toBe(2)
    for (const c of list.rows) {
      expect(c).toMatchObject({ tier: 2, layout: 'sequence', jobId })
      expect(c.images.map((i) => i.sha256)).toEqual(c.sources.map((s) => s.image?.sha256))
      expect(c.sources.filter((s) => s.role === 'operand')).toHaveLength(2)
    }
    expect((await client.call('compose.list', {})).total).toBe(4)
  })

  it('refuses bad compose params at the router, naming the field', async () => {
    const error = await client
      .call('jobs.start', { kind: 'compose', params: { minImages: 6, maxImages: 3 } })
      .catch((e: RpcError) => e)
    expect((error as RpcError).code).toBe('BAD_INPUT')
    expect((error as RpcError).message).toMatch(/minImages/)
    const layout = await client
      .call('compose.list', { layouts: ['mosaic' as 'grid'] })
      .catch((e: RpcError) => e.code)
    expect(layout).toBe('BAD_INPUT')
  })
})
