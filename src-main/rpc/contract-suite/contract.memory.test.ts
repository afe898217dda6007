import { createClient } from '../../../src-shared/rpc/client'
import { createMemoryTransport } from '../../transports/memory'
import { runContractSuite } from './contract-suite'

runContractSuite('the in-memory transport', async (core) => ({
  core,
  client: createClient(createMemoryTransport(core)),
  close: async () => undefined
}))
