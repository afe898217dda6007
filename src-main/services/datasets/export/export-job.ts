import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'

import { defineJobKind } from '../../jobs/job-kind'
import { MANIFEST_FILE, Manifest } from './manifest'
import { runExport } from './run-export'

/** Removes hidden staging folders an interrupted attempt left beside `out`. */
function removeStalePartials(out: string): void {
  const parent = dirname(out)
  if (!existsSync(parent)) return
  const prefix = `.${basename(out)}.partial-`
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true })
  }
}

/**
 * The `export` job (register with `runner.register(exportJobKind)`). Progress counts records
 * written, then the self-check. Resumable: an attempt that already committed its folder (it has
 * its manifest) finishes with that folder's figures; otherwise the staging folders of the
 * interrupted attempt are removed and the export starts over, since a half-written dataset
 * file cannot be continued safely.
 */
export const exportJobKind = defineJobKind('export', {
  unit: 'records',
  run: async (ctx) => {
    const out = resolve(ctx.params.out)
    if (ctx.resumed) {
      const manifestFile = join(out, MANIFEST_FILE)
      if (existsSync(manifestFile)) {
        const manifest = Manifest.parse(JSON.parse(readFileSync(manifestFile, 'utf8')))
        return { records: manifest.records, path: out, format: manifest.format }
      }
      removeStalePartials(out)
    }
    const result = await runExport(ctx.project, out, ctx.params.options, {
      signal: ctx.signal,
      jobId: ctx.jobId,
      onProgress: (progress) => {
        ctx.setTotal(progress.total)
        ctx.setDone(progress.done)
        ctx.setMessage(progress.stage)
      }
    })
    for (const item of result.manifest.skipped.items) {
      ctx.recordError(`pair ${item.pairId}`, item.reason)
    }
    return {
      records: result.records,
      path: result.path,
      format: result.format,
      splits: result.splits,
      skipped: result.skipped,
      imagesChecked: result.check.imagesChecked,
      imagesDecoded: result.check.imagesDecoded
    }
  }
})
