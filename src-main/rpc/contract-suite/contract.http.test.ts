import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createClient } from '../../../src-shared/rpc/client'
import { startHttpHost } from '../../transports/http'
import { runContractSuite } from './contract-suite'
import { connectHttpTransport } from './node-http-transport'

runContractSuite('real HTTP + WebSocket', async (core) => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'ds-renderer-'))
  const host = await startHttpHost({ core, port: 0, rendererDir })
  const transport = await connectHttpTransport(`http://127.0.0.1:${host.port}`, host.token)
  return {
    core,
    client: createClient(transport),
    close: async () => {
      transport.close()
      await host.close()
    }
  }
})
