import { z } from 'zod'

import { method } from './define'

export const AppInfoDto = z.object({
  name: z.literal('Delta Studio'),
  version: z.string(),
  /** Which host serves this core: the desktop shell, the headless server, or tests. */
  host: z.enum(['electron', 'server', 'memory']),
  projectDir: z.string().nullable()
})
export type AppInfoDto = z.infer<typeof AppInfoDto>

export const appMethods = {
  'app.info': method({
    summary: 'Name, version and host of the running core, and the open project folder.',
    input: z.object({}).strict(),
    output: AppInfoDto
  }),
  'app.ping': method({
    summary: 'Echoes a message; used by transports and tests to check the round trip.',
    input: z.object({ message: z.string().max(10_000) }).strict(),
    output: z.object({ message: z.string(), at: z.number() })
  })
} as const
