import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Client } from '../../../src-shared/rpc/client'
import { RpcError } from '../../../src-shared/rpc/errors'
import { createCore } from '../../app/compose'
import type { Core } from '../../app/compose'

export type Harness = { client: Client; core: Core; close(): Promise<void> }

/**
 * One behavioural suite for the contract, run once per transport (in-memory and real
 * HTTP + WebSocket) so both behave the same on success, bad input and events.
 */
export function runContractSuite(name: string, connect: (core: Core) => Promise<Harness>): void {
  describe(`contract over ${name}`, () => {
    let harness: Harness
    let root: string

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'ds-contract-'))
      const core = createCore({ host: 'memory', projectDir: join(root, 'first') })
      harness = await connect(core)
    })
    afterAll(async () => {
      await harness.close()
      await harness.core.dispose()
      rmSync(root, { recursive: true, force: true })
    })

    it('answers a call with the typed result', async () => {
      const info = await harness.client.call('app.info', {})
      expect(info.name).toBe('Delta Studio')
      expect(info.projectDir).toBe(join(root, 'first'))
      const pong = await harness.client.call('app.ping', { message: 'hé ✓' })
      expect(pong.message).toBe('hé ✓')
    })

    it('rejects invalid input with BAD_INPUT naming the field', async () => {
      const error = await harness.client
        .call('project.open', { dir: 42 } as unknown as { dir: string })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RpcError)
      expect((error as RpcError).code).toBe('BAD_INPUT')
      expect((error as RpcError).message).toContain('dir')
    })

    it('rejects unknown keys (strict inputs)', async () => {
      const error = await harness.client
        .call('app.info', { sneaky: true } as unknown as Record<string, never>)
        .catch((e: unknown) => e)
      expect((error as RpcError).code).toBe('BAD_INPUT')
    })

    it('checks jobs.start against the job-kind table before anything is queued', async () => {
      const unknown = await harness.client.transport.request('jobs.start', {
        kind: 'mine-bitcoin',
        params: {}
      })
      expect(!unknown.ok && unknown.error.code).toBe('BAD_INPUT')
      expect(!unknown.ok && unknown.error.message).toContain('kind')
      const badParams = await harness.client
        .call('jobs.start', { kind: 'perturb', params: { recipes: ['blur:99'] } })
        .catch((e: unknown) => e)
      expect((badParams as RpcError).code).toBe('BAD_INPUT')
      expect((badParams as RpcError).message).toContain('blur:99')
      expect(await harness.client.call('jobs.list', {})).toEqual([])
      const { jobId } = await harness.client.call('jobs.start', {
        kind: 'perturb',
        params: { recipes: ['blur:2'] }
      })
      expect(jobId).toMatch(/^perturb-/)
      const job = await harness.client.call('jobs.get', { id: jobId })
      expect(job.params).toMatchObject({ recipes: ['blur:2'], maxPixels: 100_000_000 })
    })

    it('answers NOT_FOUND for an unknown method', async () => {
      const response = await harness.client.transport.request('nope.nothing', {})
      expect(response.ok).toBe(false)
      expect(!response.ok && response.error.code).toBe('NOT_FOUND')
    })

    it('maps domain errors to stable codes', async () => {
      const error = await harness.client
        .call('project.open', { dir: join(root, 'missing') })
        .catch((e: unknown) => e)
      expect((error as RpcError).code).toBe('NOT_FOUND')
      const conflict = await harness.client
        .call('project.create', { dir: join(root, 'first') })
        .catch((e: unknown) => e)
      expect((conflict as RpcError).code).toBe('CONFLICT')
    })

    it('pushes events to subscribers', async () => {
      const opened = new Promise<string>((resolve) => {
        const off = harness.client.on('project.opened', (project) => {
          off()
          resolve(project.name)
        })
      })
      await harness.client.call('project.create', { dir: join(root, 'second'), name: 'Second' })
      await expect(opened).resolves.toBe('Second')
      const current = await harness.client.call('project.current', {})
      expect(current?.name).toBe('Second')
    })
  })
}
