import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCore } from '../../app/compose'
import type { Core } from '../../app/compose'
import { coreCaller } from '../../app/test-support/core-caller'
import { mediaFilePath } from '../../media/media-paths'
import { ImagesRepo } from '../../store/images-repo'
import { ingestBuffer } from '../../store/media-store'
import { fromRaw } from './raw-image'
import { photoLike } from './synthetic-images'

const root = mkdtempSync(join(tmpdir(), 'perturb-preview-'))
let core: Core
let call: ReturnType<typeof coreCaller>
let sha256: string

beforeAll(async () => {
  core = createCore({ host: 'memory', projectDir: join(root, 'p') })
  call = coreCaller(core)
  const project = core.session.require()
  const jpeg = await fromRaw(photoLike(120, 80, 3))
    .jpeg({ quality: 92 })
    .toBuffer()
  const stored = await ingestBuffer(project.mediaDir, jpeg)
  sha256 = stored.sha256
  new ImagesRepo(project.db).insertOriginal({
    ...stored,
    width: 120,
    height: 80,
    format: 'jpeg',
    origin: 'photo.jpg'
  })
})
afterAll(async () => {
  await core?.dispose()
  rmSync(root, { recursive: true, force: true })
})

const mediaFiles = () => readdirSync(core.session.require().mediaDir, { recursive: true }).sort()

describe('perturb.preview', () => {
  it('renders a chain in memory exactly as the perturb job stores it', async () => {
    const before = mediaFiles()
    const preview = await call('perturb.preview', { recipe: 'blur:2 + jpeg:40', sha256 })
    expect(preview).toMatchObject({
      recipeKey: 'blur:2+jpeg:40',
      recipe: 'blur:2+jpeg:40',
      source: { sha256, width: 120, height: 80 },
      variant: { width: 120, height: 80, format: 'jpeg' }
    })
    expect(preview.variant.dataUri).toMatch(/^data:image\/jpeg;base64,/)
    expect(preview.psnr).toBeGreaterThan(15)
    expect(preview.ssim).toBeGreaterThan(0)
    expect(preview.ssim).toBeLessThan(1)
    expect(mediaFiles()).toEqual(before)

    // The job renders the same bytes and measures the same PSNR/SSIM: one code path.
    const { jobId } = await call('jobs.start', {
      kind: 'perturb',
      params: { recipes: ['blur:2+jpeg:40'] }
    })
    const job = await core.jobs.whenFinished(jobId)
    expect(job.status).toBe('completed')
    const [variant] = core.session
      .require()
      .db.prepare("SELECT sha256, psnr, ssim FROM images WHERE recipe_key = 'blur:2+jpeg:40'")
      .all() as Array<{ sha256: string; psnr: number; ssim: number }>
    const stored = readFileSync(mediaFilePath(core.session.require().mediaDir, variant!.sha256))
    expect(Buffer.from(preview.variant.dataUri.split(',')[1]!, 'base64').equals(stored)).toBe(true)
    expect(preview.psnr).toBeCloseTo(variant!.psnr, 6)
    expect(preview.ssim).toBeCloseTo(variant!.ssim, 6)
  })

  it('names a recipe the parser refuses and an image the project does not have', async () => {
    await expect(
      call('perturb.preview', { recipe: 'blur:2+jpeg:400', sha256 })
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/recipe "blur:2\+jpeg:400": .*quality/)
    })
    await expect(
      call('perturb.preview', { recipe: 'blur:2', sha256: 'a'.repeat(64) })
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
