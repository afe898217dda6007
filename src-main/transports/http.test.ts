import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

import { createCore } from '../app/compose'
import type { Core } from '../app/compose'
import { mediaFilePath } from '../media/media-paths'
import { startHttpHost } from './http'
import type { HttpHost } from './http'

type Reply = {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

/** Raw requests, so tests can forge Host and Origin headers as an attacker would. */
function send(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let data = ''
      res.on('data', (chunk) => (data += chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers })
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('HTTP host security', () => {
  let root: string
  let core: Core
  let host: HttpHost
  let host_: string

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ds-http-'))
    const rendererDir = join(root, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Delta Studio</title>')
    core = createCore({ host: 'server', projectDir: join(root, 'project') })
    host = await startHttpHost({ core, rendererDir, port: 0 })
    host_ = `127.0.0.1:${host.port}`
  })
  afterAll(async () => {
    await host.close()
    await core.dispose()
    rmSync(root, { recursive: true, force: true })
  })

  it('listens on loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
  })

  it('answers 401 without the token and serves the app with it', async () => {
    expect((await send(host.port, '/', { host: host_ })).status).toBe(401)
    expect((await send(host.port, '/?token=wrong', { host: host_ })).status).toBe(401)
    const ok = await send(host.port, `/?token=${host.token}`, { host: host_ })
    expect(ok.status).toBe(200)
    expect(ok.body).toContain('Delta Studio')
    expect(String(ok.headers['content-security-policy'])).toContain("default-src 'self'")
    expect(String(ok.headers['set-cookie'])).toContain('HttpOnly')
  })

  it('accepts the cookie the page was given', async () => {
    const cookie = `ds_token_${host.port}=${host.token}`
    expect((await send(host.port, '/pairs', { host: host_, cookie })).status).toBe(200)
  })

  it('refuses a foreign Origin with 403 even with the token', async () => {
    const reply = await send(host.port, `/?token=${host.token}`, {
      host: host_,
      origin: 'http://evil.example'
    })
    expect(reply.status).toBe(403)
  })

  it('refuses a DNS-rebinding Host with 403', async () => {
    const reply = await send(host.port, `/?token=${host.token}`, {
      host: `evil.example:${host.port}`
    })
    expect(reply.status).toBe(403)
  })

  it('requires JSON for RPC (no form-post CSRF)', async () => {
    const headers = {
      host: host_,
      authorization: `Bearer ${host.token}`,
      'content-type': 'text/plain'
    }
    expect((await send(host.port, '/rpc/app.info', headers, 'POST', '{}')).status).toBe(415)
  })

  it('answers malformed JSON with BAD_INPUT', async () => {
    const headers = {
      host: host_,
      authorization: `Bearer ${host.token}`,
      'content-type': 'application/json'
    }
    const reply = await send(host.port, '/rpc/app.info', headers, 'POST', '{nope')
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('refuses WebSocket upgrades without the token or from a foreign origin', async () => {
    const outcome = (url: string, origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {})
        ws.once('open', () => {
          ws.close()
          resolve('open')
        })
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
        ws.once('error', () => resolve('error'))
      })
    const base = `ws://127.0.0.1:${host.port}/events`
    expect(await outcome(base)).toBe('401')
    expect(await outcome(`${base}?token=${host.token}`, 'http://evil.example')).toBe('403')
    expect(await outcome(`${base}?token=${host.token}`)).toBe('open')
  })

  it('serves media of the open project by hash only', async () => {
    const sha = 'a'.repeat(64)
    const file = mediaFilePath(core.session.require().mediaDir, sha)
    mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))
    const auth = { host: host_, authorization: `Bearer ${host.token}` }
    const ok = await send(host.port, `/media/${sha}`, auth)
    expect(ok.status).toBe(200)
    expect(ok.headers['content-type']).toBe('image/png')
    expect((await send(host.port, '/media/..%2F..%2Fstudio.db', auth)).status).toBe(404)
    expect((await send(host.port, '/media/../studio.db', auth)).status).not.toBe(200)
  })
})
