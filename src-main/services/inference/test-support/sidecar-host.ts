// A throwaway host process for the orphan test: starts a sidecar, prints its pid, then idles
// until it is killed. Run through tsx: node --import tsx sidecar-host.ts <binary> <model> <mmproj>
import { LlamaServer } from '../llama-server'

const [binary, model, mmproj] = process.argv.slice(2) as [string, string, string]
const server = new LlamaServer({ binary, backend: 'cpu', model, mmproj, slots: 1, threads: 1 })
await server.start()
await server.waitUntilReady()
process.stdout.write(`${JSON.stringify({ pid: server.status.pid })}\n`)
setInterval(() => undefined, 60_000)
