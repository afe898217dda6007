import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract'
import type { AppServer } from './app-server'

/** Calls the running core over HTTP as any client would, to set up and check stored state. */
export async function rpc<M extends MethodName>(
  server: AppServer,
  method: M,
  input: InputOf<M>
): Promise<OutputOf<M>> {
  const res = await fetch(`${server.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input)
  })
  const body = (await res.json()) as
    { ok: true; result: OutputOf<M> } | { ok: false; error: { code: string; message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`)
  return body.result
}
