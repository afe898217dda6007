import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

import { createCore } from '../app/compose'
import type { Core } from '../app/compose'
import { startHttpHost } from './http'
import type { HttpHost } from './http'

type Reply = { status: number; body: string }

/** Status and body of a raw HTTP/1.1 response (chunked bodies are joined). */
function parseReply(data: string): Reply {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)
  const split = data.indexOf('\r\n\r\n')
  const head = data.slice(0, split).toLowerCase()
  let body = split < 0 ? '' : data.slice(split + 4)
  if (head.includes('transfer-encoding: chunked')) {
    let joined = ''
    for (;;) {
      const eol = body.indexOf('\r\n')
      const size = parseInt(body.slice(0, eol), 16)
      if (!size) break
      joined += body.slice(eol + 2, eol + 2 + size)
      body = body.slice(eol + 2 + size + 2)
    }
    body = joined
  }
  return { status, body }
}

/**
 * Hostile requests against the browser-mode host: each must get a clear 4xx (never a 5xx, a
 * reset connection or a dead process), and the host must go on serving afterwards.
 */
describe('HTTP and WebSocket host under hostile requests', () => {
  let root: string
  let core: Core
  let host: HttpHost
  let hostHeader: string
  let auth: Record<string, string>

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ds-hostile-'))
    const rendererDir = join(root, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Delta Studio</title>')
    core = createCore({ host: 'server', projectDir: join(root, 'project') })
    host = await startHttpHost({ core, rendererDir, port: 0 })
    hostHeader = `127.0.0.1:${host.port}`
    auth = { host: hostHeader, authorization: `Bearer ${host.token}` }
  })
  afterAll(async () => {
    await host.close()
    await core.dispose()
    rmSync(root, { recursive: true, force: true })
  })

  /** A raw HTTP/1.1 request written byte for byte, so paths reach the server unnormalised. */
  function raw(lines: string[], body = ''): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1')
      let data = ''
      socket.on('data', (chunk) => (data += chunk.toString('latin1')))
      socket.on('error', reject)
      socket.on('close', () => resolve(parseReply(data)))
      socket.write(`${lines.join('\r\n')}\r\nconnection: close\r\n\r\n${body}`)
    })
  }

  const rpc = (method: string, body: string): Promise<Reply> =>
    raw(
      [
        `POST /rpc/${method} HTTP/1.1`,
        `host: ${hostHeader}`,
        `authorization: Bearer ${host.token}`,
        'content-type: application/json',
        `content-length: ${Buffer.byteLength(body)}`
      ],
      body
    )

  async function stillServing(): Promise<void> {
    const reply = await rpc('app.info', '{}')
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true })
  }

  it('refuses a missing or wrong token with 401', async () => {
    expect((await raw(['GET / HTTP/1.1', `host: ${hostHeader}`])).status).toBe(401)
    const wrong = await raw(['GET /?token=nope HTTP/1.1', `host: ${hostHeader}`])
    expect(wrong.status).toBe(401)
    const wrongBearer = await raw([
      'POST /rpc/app.ping HTTP/1.1',
      `host: ${hostHeader}`,
      'authorization: Bearer nope',
      'content-type: application/json',
      'content-length: 2'
    ])
    expect(wrongBearer.status).toBe(401)
  })

  it('refuses a foreign Origin and a rebinding Host with 403, token or not', async () => {
    const origin = await raw([
      `GET /?token=${host.token} HTTP/1.1`,
      `host: ${hostHeader}`,
      'origin: http://evil.example'
    ])
    expect(origin.status).toBe(403)
    const nullOrigin = await raw([
      `GET /?token=${host.token} HTTP/1.1`,
      `host: ${hostHeader}`,
      'origin: null'
    ])
    expect(nullOrigin.status).toBe(403)
    for (const forged of [
      `evil.example:${host.port}`,
      '127.0.0.1',
      `127.0.0.1.nip.io:${host.port}`
    ]) {
      const reply = await raw([`GET /?token=${host.token} HTTP/1.1`, `host: ${forged}`])
      expect(reply.status, forged).toBe(403)
    }
  })

  it('answers malformed percent-encoding in any path with 400 and a clear message', async () => {
    for (const path of [
      '/rpc/%E0%A4%A',
      '/rpc/app.%ZZping',
      '/%E0%A4%A',
      '/assets/%C0%AF.js',
      '/media/%E0%A4%A',
      '/media/thumb/%'
    ]) {
      const reply = await raw(
        [
          `${path.startsWith('/rpc/') ? 'POST' : 'GET'} ${path} HTTP/1.1`,
          `host: ${hostHeader}`,
          `authorization: Bearer ${host.token}`,
          'content-type: application/json',
          'content-length: 2'
        ],
        '{}'
      )
      expect(reply.status, path).toBe(400)
      expect(reply.body, path).toMatch(/malformed percent-encoding/i)
    }
    await stillServing()
  })

  it('answers a declared 50 MB body with 413 before reading it', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1')
      let data = ''
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1')
        // The reply arrives while almost none of the body was sent.
        if (data.includes('\r\n\r\n')) socket.destroy()
      })
      socket.on('error', reject)
      socket.on('close', () => resolve(parseReply(data)))
      socket.write(
        [
          'POST /rpc/app.ping HTTP/1.1',
          `host: ${hostHeader}`,
          `authorization: Bearer ${host.token}`,
          'content-type: application/json',
          `content-length: ${50 * 1024 * 1024}`,
          '',
          '{"a":"'
        ].join('\r\n')
      )
    })
    expect(reply.status).toBe(413)
    await stillServing()
  })

  it('answers a chunked body that grows past the limit with 413, not a reset', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/rpc/app.ping',
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }
        },
        (res) => {
          let body = ''
          res.on('data', (chunk) => (body += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
          res.on('error', () => resolve({ status: res.statusCode ?? 0, body }))
        }
      )
      let stopped = false
      req.on('response', () => (stopped = true))
      req.on('error', (error) => (stopped ? undefined : reject(error)))
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      const pump = (): void => {
        for (let i = 0; i < 64 && !stopped; i++) {
          if (!req.write(chunk)) {
            req.once('drain', pump)
            return
          }
        }
        if (!stopped) req.end()
      }
      pump()
    })
    expect(reply.status).toBe(413)
    expect(reply.body).toMatch(/too large/i)
    await stillServing()
  })

  it('refuses deeply nested JSON with BAD_INPUT, not a crash or INTERNAL', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const reply = await rpc('pairs.list', deep)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/nest/i) }
    })
    const deepObject = `{"filter":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`
    expect(JSON.parse((await rpc('pairs.list', deepObject)).body)).toMatchObject({
      error: { code: 'BAD_INPUT' }
    })
    await stillServing()
  })

  it('answers an unknown method, a bad body and a wrong verb with 4xx or an error envelope', async () => {
    expect(JSON.parse((await rpc('no.such', '{}')).body)).toMatchObject({
      error: { code: 'NOT_FOUND' }
    })
    expect(JSON.parse((await rpc('app.ping', '\u0000')).body)).toMatchObject({
      error: { code: 'BAD_INPUT' }
    })
    const get = await raw([
      `GET /rpc/app.ping HTTP/1.1`,
      ...Object.entries(auth).map(([k, v]) => `${k}: ${v}`)
    ])
    expect(get.status).toBe(405)
  })

  describe('WebSocket frames', () => {
    const url = (): string => `ws://127.0.0.1:${host.port}/events?token=${host.token}`

    function open(): Promise<WebSocket> {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(url())
        ws.once('message', () => resolve(ws)) // transport.hello
        ws.once('error', reject)
      })
    }

    function closeCode(ws: WebSocket, send: () => void): Promise<number> {
      return new Promise((resolve) => {
        ws.on('error', () => undefined)
        ws.once('close', (code) => resolve(code))
        send()
      })
    }

    it('closes only the socket that sent an oversized frame', async () => {
      const bystander = await open()
      const attacker = await open()
      const code = await closeCode(attacker, () => attacker.send('x'.repeat(200 * 1024)))
      expect(code).toBe(1009)
      expect(bystander.readyState).toBe(WebSocket.OPEN)
      const got = new Promise<string>((resolve) =>
        bystander.once('message', (data) => resolve(String(data)))
      )
      core.bus.publish('data.changed', { tables: ['pairs'] })
      expect(await got).toContain('data.changed')
      bystander.close()
      await stillServing()
    })

    it('closes only the socket that sent invalid UTF-8 in a text frame', async () => {
      const bystander = await open()
      const attacker = await open()
      const code = await closeCode(attacker, () =>
        attacker.send(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), { binary: false })
      )
      expect(code).toBe(1007)
      expect(bystander.readyState).toBe(WebSocket.OPEN)
      bystander.close()
      await stillServing()
    })

    it('survives a socket that sends garbage bytes instead of frames', async () => {
      const ws = await open()
      const socket = (ws as unknown as { _socket: Socket })._socket
      await new Promise<void>((resolve) => {
        ws.on('error', () => undefined)
        ws.once('close', () => resolve())
        socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))
      })
      await stillServing()
    })

    it('refuses an upgrade with a malformed path or a rebinding Host', async () => {
      const reply = await raw([
        `GET /events%E0%A4%A?token=${host.token} HTTP/1.1`,
        `host: ${hostHeader}`,
        'upgrade: websocket',
        'connection: Upgrade',
        'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version: 13'
      ])
      expect(reply.status).toBeGreaterThanOrEqual(400)
      expect(reply.status).toBeLessThan(500)
      const rebinding = await raw([
        `GET /events?token=${host.token} HTTP/1.1`,
        `host: evil.example:${host.port}`,
        'upgrade: websocket',
        'connection: Upgrade',
        'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version: 13'
      ])
      expect(rebinding.status).toBe(403)
      await stillServing()
    })
  })
})
