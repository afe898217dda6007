import { startServer } from './start-server'

/**
 * Entry of the bundled headless host (`node out/main/server.js <project-dir> [port]`); the CLI's
 * `serve` command is the usual way in.
 */
async function main(): Promise<void> {
  const [projectDir, port] = process.argv.slice(2)
  if (!projectDir) {
    console.error('usage: server.js <project-dir> [port]')
    process.exit(2)
  }
  const server = await startServer({ projectDir, port: port ? Number(port) : 0 })
  console.log(JSON.stringify({ url: server.http.url }))
  const stop = (): void => {
    void server.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main()
