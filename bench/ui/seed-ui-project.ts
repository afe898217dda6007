import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import sharp from 'sharp'

import { thumbFilePath } from '../../src-main/media/media-paths'
import { openProjectFolder } from '../../src-main/services/project/project-folder'
import { ingestBuffer } from '../../src-main/store/media-store'
import { prng } from '../../src-main/store/test-support/synthetic'
import { tableCounts } from '../../src-main/store/project-repo'
import { storeFor } from '../../src-main/store/store'
import { writeTx } from '../../src-main/store/write-tx'

/**
 * Seeds a project for the UI benchmark: `pairs` visual-delta pairs over a pool of real images
 * (PNG originals, real blurred / JPEG / downscaled variants made with sharp, 256px WebP
 * thumbnails), through the store's own repositories. Samples share pool images, so 100,000
 * pairs need only a few hundred files while every image the UI shows exists.
 */

const RECIPES = [
  { key: 'blur:sigma=3', type: 'blur', level: 0.5 },
  { key: 'jpeg:q=10', type: 'jpeg', level: 0.8 },
  { key: 'downscale:f=0.25', type: 'downscale', level: 0.75 }
] as const

const WORDS = (
  'the a red blue green small large left right near behind sign car dog window person ' +
  'table two three four shows appears there is are visible image background foreground ' +
  'clearly likely possibly bright dark corner street room label text number reads'
).split(' ')

type PoolImage = {
  sha256: string
  width: number
  height: number
  variants: { key: string; sha256: string; width: number; height: number }[]
}

async function makeThumb(mediaDir: string, sha256: string, data: Buffer): Promise<void> {
  const file = thumbFilePath(mediaDir, sha256)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, await sharp(data).resize(256, 256, { fit: 'inside' }).webp().toBuffer())
}

async function makePool(mediaDir: string, size: number, r: () => number): Promise<PoolImage[]> {
  const pool: PoolImage[] = []
  for (let i = 0; i < size; i++) {
    const width = 512
    const height = 384
    const shapes = Array.from({ length: 6 }, () => {
      const x = Math.floor(r() * width)
      const y = Math.floor(r() * height)
      const hue = Math.floor(r() * 360)
      return `<circle cx="${x}" cy="${y}" r="${20 + Math.floor(r() * 60)}" fill="hsl(${hue},70%,55%)"/>`
    }).join('')
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="hsl(${(i * 37) % 360},30%,85%)"/>${shapes}
      <text x="20" y="60" font-size="44" font-family="sans-serif" fill="#222">#${i} ${Math.floor(r() * 9000 + 1000)}</text></svg>`
    const png = await sharp(Buffer.from(svg)).png().toBuffer()
    const hq = await ingestBuffer(mediaDir, png)
    await makeThumb(mediaDir, hq.sha256, png)
    const variants: PoolImage['variants'] = []
    for (const recipe of RECIPES) {
      const base = sharp(png)
      const data =
        recipe.type === 'blur'
          ? await base.blur(3).png().toBuffer()
          : recipe.type === 'jpeg'
            ? await base.jpeg({ quality: 10 }).toBuffer()
            : await base
                .resize(width / 4, height / 4)
                .png()
                .toBuffer()
      const stored = await ingestBuffer(mediaDir, data)
      await makeThumb(mediaDir, stored.sha256, data)
      const meta = await sharp(data).metadata()
      variants.push({
        key: recipe.key,
        sha256: stored.sha256,
        width: meta.width ?? width,
        height: meta.height ?? height
      })
    }
    pool.push({ sha256: hq.sha256, width, height, variants })
  }
  return pool
}

function sentence(r: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!)
  const text = out.join(' ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

/** Creates (or fills) the project in `dir` with `pairs` pairs; returns how many exist. */
export async function seedUiProject(
  dir: string,
  options: { pairs: number; poolSize?: number; seed?: number }
): Promise<number> {
  const r = prng(options.seed ?? 7)
  const project = openProjectFolder(dir, { create: 'if-missing' })
  try {
    const pool = await makePool(project.mediaDir, options.poolSize ?? 120, r)
    const store = storeFor(project.db)
    const runId = store.runs.create({
      model: 'ui-bench-vlm.gguf',
      mmproj: 'ui-bench-mmproj.gguf',
      isTestModel: true,
      params: { temperature: 0 }
    })
    const imageIds = writeTx(project.db, () =>
      pool.map((image) => {
        const id = store.images.insertOriginal({
          sha256: image.sha256,
          width: image.width,
          height: image.height,
          format: 'png',
          bytes: 1,
          origin: 'import'
        })
        for (const v of image.variants) {
          store.images.insertVariant({
            sourceId: id,
            recipeKey: v.key,
            recipe: { steps: [v.key] },
            seed: 0,
            sha256: v.sha256,
            width: v.width,
            height: v.height,
            format: 'png',
            bytes: 1,
            psnr: 18 + r() * 15,
            ssim: 0.5 + r() * 0.45
          })
        }
        return id
      })
    )
    const chunk = 5_000
    for (let from = 0; from < options.pairs; from += chunk) {
      const to = Math.min(options.pairs, from + chunk)
      writeTx(project.db, () => {
        for (let i = from; i < to; i++) {
          const count = r() < 0.75 ? 1 : r() < 0.8 ? 2 : 3
          const images = Array.from(
            { length: count },
            (_, k) => imageIds[(i * 7 + k * 13) % imageIds.length]!
          )
          const { id: sampleId } = store.samples.insert({
            question: `Q${i}: what does the ${WORDS[i % WORDS.length]} in image ${count} show?`,
            groundTruth: r() < 0.5 ? WORDS[Math.floor(r() * WORDS.length)]! : null,
            tier: count === 1 ? 1 : count === 2 ? 2 : 3,
            tierSource: 'auto',
            dedupeKey: createHash('sha256').update(`ui-bench:${i}`).digest('hex'),
            imageIds: images
          })
          const recipe = RECIPES[i % RECIPES.length]!
          const hqWords = 8 + Math.floor(r() * 40)
          const lqWords = 8 + Math.floor(r() * 70)
          const chosen = sentence(r, hqWords)
          const rejected = sentence(r, lqWords)
          const hq = store.responses.insert({
            runId,
            sampleId,
            variantKey: 'hq',
            text: chosen,
            completionTokens: Math.round(hqWords * 1.3),
            promptTokens: 600,
            finishReason: 'stop',
            latencyMs: 500
          })
          const lq = store.responses.insert({
            runId,
            sampleId,
            variantKey: recipe.key,
            text: rejected,
            completionTokens: Math.round(lqWords * 1.3),
            promptTokens: 600,
            finishReason: 'stop',
            latencyMs: 500
          })
          store.pairs.create({
            sampleId,
            origin: 'visual-delta',
            runId,
            chosenResponseId: hq.id,
            rejectedResponseId: lq.id,
            chosenText: chosen,
            rejectedText: rejected,
            recipeKey: recipe.key,
            perturbType: recipe.type,
            perturbLevel: recipe.level,
            psnr: 18 + r() * 15,
            ssim: 0.5 + r() * 0.45,
            chosenTokens: Math.round(hqWords * 1.3),
            rejectedTokens: Math.round(lqWords * 1.3),
            judgeScore: r() < 0.7 ? Math.round(r() * 1000) / 1000 : null,
            tags: r() < 0.05 ? ['needs-review'] : []
          })
        }
      })
    }
    return tableCounts(project.db).pairs
  } finally {
    project.db.close()
  }
}
