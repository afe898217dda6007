import type { Command } from 'commander'

import { startServer } from '../../server/start-server'
import { ensureRendererBuilt } from '../ensure-renderer'
import { fail, info, printJson } from '../output'
import { parsePort } from '../parse'

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the studio for a project folder on 127.0.0.1 (browser mode)')
    .argument('<project-dir>', 'project folder; created if missing')
    .option('--port <n>', 'port to listen on; 0 picks a free one', parsePort, 0)
    .option('--json', 'print {"url": …} as the first stdout line')
    .action(async (projectDir: string, opts: { port: number; json?: boolean }) => {
      try {
        await ensureRendererBuilt(info)
        const server = await startServer({ projectDir, port: opts.port, log: info })
        if (opts.json) printJson({ url: server.http.url })
        else info(`Delta Studio is serving ${projectDir} at ${server.http.url}`)
        const stop = (): void => {
          void server.stop().then(() => process.exit(0))
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      } catch (error) {
        fail(error)
      }
    })
}
