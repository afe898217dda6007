import { hash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

import sharp from 'sharp'

import type { ComposeLayout, ComposeParams } from '../../../src-shared/contract/compose'
import { mediaFilePath } from '../../media/media-paths'
import type { PoolRow } from '../../store/compositions-repo'
import { storeFor } from '../../store/store'
import { writeTx } from '../../store/write-tx'
import { addOriginalImage, sampleDedupeKey } from '../ingest/sample-writer'
import type { StoredImage } from '../ingest/sample-writer'
import type { JobContext } from '../jobs/job-kind'
import { planCompositions } from './compose-plan'
import type { PlannedComposition, PoolSample } from './compose-plan'
import { renderGrid, renderPip } from './render-composed'

export type ComposeStats = {
  composed: number
  /** Items whose composed sample existed already (same seed composed before). */
  existing: number
  skipped: number
  by_tier: Record<'1' | '2' | '3', number>
  by_layout: Record<ComposeLayout, number>
}

function toleranceOf(metadata: string | null): PoolSample['tolerance'] {
  if (!metadata) return undefined
  try {
    const t = (JSON.parse(metadata) as { tolerance?: unknown }).tolerance
    if (!t || typeof t !== 'object') return undefined
    const { absolute, relative } = t as { absolute?: unknown; relative?: unknown }
    return {
      ...(typeof absolute === 'number' ? { absolute } : {}),
      ...(typeof relative === 'number' ? { relative } : {})
    }
  } catch {
    return undefined
  }
}

/**
 * The `compose` job body: plans composed samples from the project's single-image samples (seeded,
 * see planCompositions), renders grid and picture-in-picture images with sharp, and stores each
 * composed sample with its provenance in one transaction. Items that cannot be made are job
 * errors with their reason; the rest go on. Idempotent: a composed sample is keyed by its images
 * and question, so running the same seed again (or resuming) adds nothing twice.
 */
export async function runCompose(ctx: JobContext<ComposeParams>): Promise<ComposeStats> {
  const { params, project, signal } = ctx
  const store = storeFor(project.db)
  const rows = store.compositions.pool()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const pool: PoolSample[] = rows.map((r) => {
    const tolerance = toleranceOf(r.metadata)
    return {
      id: r.id,
      question: r.question,
      groundTruth: r.groundTruth,
      labels: r.labels,
      ...(tolerance ? { tolerance } : {})
    }
  })
  const { items, skipped } = planCompositions(pool, params)
  for (const skip of skipped) ctx.recordError(skip.item, skip.reason)
  ctx.setTotal(items.length)

  const stats: ComposeStats = {
    composed: 0,
    existing: 0,
    skipped: skipped.length,
    by_tier: { '1': 0, '2': 0, '3': 0 },
    by_layout: { sequence: 0, grid: 0, pip: 0 }
  }
  const source = async (row: PoolRow) => ({
    bytes: await readFile(mediaFilePath(project.mediaDir, row.image.sha256)),
    width: row.image.width,
    height: row.image.height
  })
  // A rendered PNG is known good: its probe is its hash and size, not a second full decode.
  const storeRendered = async (bytes: Buffer): Promise<StoredImage> => {
    const meta = await sharp(bytes).metadata()
    const probed = Promise.resolve({
      sha256: hash('sha256', bytes),
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      format: 'png'
    })
    return addOriginalImage(project.db, project.mediaDir, { bytes }, 'compose', probed)
  }
  for (const item of items) {
    signal.throwIfAborted()
    try {
      const sources = item.sources.map((s) => byId.get(s.sampleId) as PoolRow)
      const images = await composedImages(item, sources, params.cellSize, storeRendered, source)
      const inserted = writeTx(project.db, () => {
        const sample = store.samples.insert({
          question: item.question,
          groundTruth: item.groundTruth,
          tier: item.tier,
          tierSource: 'compose',
          externalId: `compose-${params.seed}-${item.item.replace(/\W+/g, '-')}`,
          metadata: {
            compose: { tier: item.tier, layout: item.layout, template: item.template },
            ...(item.tolerance ? { tolerance: item.tolerance } : {})
          },
          dedupeKey: sampleDedupeKey(
            images.map((i) => i.sha256),
            `${item.layout}\n${item.question}`
          ),
          imageIds: images.map((i) => i.id)
        })
        return store.compositions.insert({
          sampleId: sample.id,
          tier: item.tier,
          layout: item.layout,
          template: item.template,
          seed: item.seed,
          guidedQuestion: item.guidedQuestion,
          jobId: ctx.jobId,
          sources: item.sources
        })
      })
      if (inserted) {
        stats.composed++
        stats.by_tier[String(item.tier) as '1']++
        stats.by_layout[item.layout]++
      } else stats.existing++
    } catch (error) {
      if (signal.aborted) throw error
      stats.skipped++
      ctx.recordError(item.item, error instanceof Error ? error.message : String(error))
    }
    ctx.advance(1)
  }
  ctx.setStats({ ...stats })
  return stats
}

/** The composed sample's images: the sources themselves (sequence) or one rendered image. */
async function composedImages(
  item: PlannedComposition,
  sources: readonly PoolRow[],
  cell: number,
  store: (bytes: Buffer) => Promise<StoredImage>,
  read: (row: PoolRow) => Promise<{ bytes: Buffer; width: number; height: number }>
): Promise<StoredImage[]> {
  if (item.layout === 'sequence')
    return sources.map((s) => ({ id: s.image.id, sha256: s.image.sha256 }))
  const decoded = await Promise.all(sources.map(read))
  const bytes =
    item.layout === 'grid'
      ? await renderGrid(decoded, cell)
      : await renderPip(decoded[0]!, decoded[1]!)
  return [await store(bytes)]
}
