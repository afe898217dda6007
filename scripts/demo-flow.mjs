// The first-run demo of `npm start`: create the demo project, then have the studio generate its
// pairs. With no model configured (DELTA_STUDIO_MODEL + DELTA_STUDIO_MMPROJ unset) the tiny test
// VLM is used; it is said so here, and the studio labels its run as a test model.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const recipe = JSON.parse(
  readFileSync(new URL('../resources/demo/recipe.json', import.meta.url), 'utf8')
)

/** The generate params for the demo (resources/demo/recipe.json): the configured model, else the tiny test VLM. */
export function demoGenerateParams(env = process.env) {
  const common = { recipes: recipe.recipes, maxTokens: recipe.maxTokens }
  if (env.DELTA_STUDIO_MODEL) {
    return { model: env.DELTA_STUDIO_MODEL, mmproj: env.DELTA_STUDIO_MMPROJ, ...common }
  }
  return { testModel: true, ...common }
}

function announce(params) {
  console.error(
    params.testModel
      ? 'No model configured: generating the demo pairs with the tiny TEST VLM (random weights; its answers are meaningless). Set DELTA_STUDIO_MODEL and DELTA_STUDIO_MMPROJ to use a real model.'
      : `Generating the demo pairs with ${params.model}.`
  )
}

/** Creates the demo project in `dir` with visible progress; exits the process on failure. */
export function createDemo(root, dir) {
  console.error(`First run: creating the demo project in ${dir}`)
  const result = spawnSync(process.execPath, [join(root, 'bin/delta-studio.js'), 'demo', dir], {
    stdio: 'inherit'
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Runs the demo generation in the foreground (desktop mode: before the window opens). */
export function generateInForeground(root, dir) {
  const params = demoGenerateParams()
  announce(params)
  const args = params.testModel
    ? ['--test-model']
    : ['--model', params.model, ...(params.mmproj ? ['--mmproj', params.mmproj] : [])]
  spawnSync(
    process.execPath,
    [join(root, 'bin/delta-studio.js'), 'generate', dir, ...args, '--max-tokens', '48'],
    { stdio: 'inherit' }
  )
}

async function rpc(base, token, method, input) {
  const res = await fetch(`${base}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input)
  })
  const body = await res.json()
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`)
  return body.result
}

/**
 * Browser mode: asks the running studio (at `url`, token in its query) to generate the demo
 * pairs as a job, unless one exists already (an interrupted one resumes by itself), and prints
 * its progress until it ends; the UI shows the same job live.
 */
export async function generateInStudio(url) {
  const parsed = new URL(url)
  const token = parsed.searchParams.get('token')
  const base = parsed.origin
  const existing = await rpc(base, token, 'jobs.list', { kind: 'generate', limit: 1 })
  let id = existing[0]?.id
  if (!id) {
    const params = demoGenerateParams()
    announce(params)
    id = (await rpc(base, token, 'jobs.start', { kind: 'generate', params })).jobId
  } else if (existing[0].status === 'completed') return
  let last = ''
  for (;;) {
    const job = await rpc(base, token, 'jobs.get', { id })
    const eta = job.etaSeconds == null ? '' : `, ETA ${Math.ceil(job.etaSeconds)} s`
    const line = `demo pairs: ${job.done}/${job.total} ${job.unit}${eta}${job.message ? ` (${job.message})` : ''}`
    if (line !== last) console.error(line)
    last = line
    if (['completed', 'failed', 'cancelled', 'interrupted'].includes(job.status)) {
      console.error(
        job.status === 'completed'
          ? `Demo pairs ready: ${job.stats?.pairs ?? 0} pairs from ${job.stats?.responses ?? 0} responses.`
          : `Demo generation ${job.status}${job.error ? `: ${job.error}` : ''}`
      )
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}
