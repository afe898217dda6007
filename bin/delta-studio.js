#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx, so it works right after `npm ci`
// with no build step and always matches the checked-out code.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src-main/cli/main.ts')
await runCli(process.argv)
