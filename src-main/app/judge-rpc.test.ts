import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createClient } from '../../src-shared/rpc/client'
import type { Client } from '../../src-shared/rpc/client'
import type { RpcError } from '../../src-shared/rpc/errors'
import { createMemoryTransport } from '../transports/memory'
import { createCore } from './compose'
import type { Core } from './compose'

let root: string
let core: Core
let client: Client

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ds-judge-rpc-'))
  core = createCore({ host: 'memory', projectDir: join(root, 'p') })
  client = createClient(createMemoryTransport(core))
})
afterAll(async () => {
  await core.dispose()
  rmSync(root, { recursive: true, force: true })
})

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: RpcError) => e.code
  )

describe('judge.* over the contract', () => {
  it('keeps a project version of a prompt, refuses one without its markers, and drops it', async () => {
    const shipped = await client.call('judge.templates', {})
    expect(shipped.map((t) => [t.name, t.source])).toEqual([
      ['judge-answers', 'shipped'],
      ['judge-images', 'shipped']
    ])
    const body = 'Prompt: {{prompt}}\nA: {{image_a}}\nB: {{image_b}}\nA or B?'
    const own = await client.call('judge.setTemplate', { name: 'judge-images', body })
    expect(own).toEqual({ name: 'judge-images', body, source: 'project' })
    expect(
      await codeOf(client.call('judge.setTemplate', { name: 'judge-images', body: '{{prompt}}' }))
    ).toBe('BAD_INPUT')
    expect((await client.call('judge.templates', {}))[1]!.body).toBe(body)
    const back = await client.call('judge.setTemplate', { name: 'judge-images', body: null })
    expect(back.source).toBe('shipped')
  })

  it('lists no rankings or reports on a new project and names a missing one', async () => {
    expect(await client.call('judge.rankings', {})).toEqual([])
    expect(await client.call('judge.reports', {})).toEqual([])
    expect(await codeOf(client.call('judge.ranking', { id: 7 }))).toBe('NOT_FOUND')
    expect(await codeOf(client.call('judge.report', { id: 7 }))).toBe('NOT_FOUND')
  })

  it('starts a judge job on the pool only when its params parse, and fails it without an endpoint', async () => {
    expect(await codeOf(client.call('jobs.start', { kind: 'judge', params: {} } as never))).toBe(
      'BAD_INPUT'
    )
    const { jobId } = await client.call('jobs.start', { kind: 'judge', params: { pool: true } })
    let job = await client.call('jobs.get', { id: jobId })
    for (let i = 0; i < 100 && !['completed', 'failed'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 50))
      job = await client.call('jobs.get', { id: jobId })
    }
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/No inference endpoint is ready/)
  })
})
