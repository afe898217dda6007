import { seedUiProject } from './seed-ui-project'

// Usage: node --import tsx bench/ui/seed-cli.ts <dir> <pairs>
const [dir, pairs] = process.argv.slice(2)
if (!dir) throw new Error('usage: seed-cli.ts <dir> [pairs]')
const started = performance.now()
const n = await seedUiProject(dir, { pairs: Number(pairs ?? 1000) })
console.log(JSON.stringify({ dir, pairs: n, ms: Math.round(performance.now() - started) }))
