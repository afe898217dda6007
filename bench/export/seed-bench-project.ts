import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import sharp from 'sharp'

import { mediaFilePath } from '../../src-main/media/media-paths'
import type { ProjectHandle } from '../../src-main/services/project/project-folder'
import { insertBenchRows } from '../../src-main/store/test-support/export-bench-rows'

const BASES = 16

/**
 * Distinct JPEGs without encoding each one: a few noisy 640×480 bases are encoded once, and each
 * image gets its own JPEG comment segment (FF FE) right after the SOI marker, so every file is
 * a valid, decodable JPEG with its own bytes and hash, sized like a real photo.
 */
async function jpegBases(): Promise<Buffer[]> {
  const bases: Buffer[] = []
  for (let b = 0; b < BASES; b++) {
    const width = 640
    const height = 480
    const raw = Buffer.alloc(width * height * 3)
    let state = (b + 1) * 2654435761
    for (let i = 0; i < raw.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      raw[i] = ((state >>> 24) >> 1) + (((i / 3) % width) * 127) / width
    }
    bases.push(
      await sharp(raw, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer()
    )
  }
  return bases
}

function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'ascii')
  const segment = Buffer.alloc(4 + body.length)
  segment[0] = 0xff
  segment[1] = 0xfe
  segment.writeUInt16BE(body.length + 2, 2)
  body.copy(segment, 4)
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}

export type SeedFigures = {
  images: number
  imageBytes: number
  pairs: number
  /** Every image's SHA-256, in insertion order. */
  shas: string[]
}

/**
 * Seeds a bench project: `images` distinct JPEG originals in the media store, and `pairs`
 * accepted pairs over them (`insertBenchRows`).
 */
export async function seedBenchProject(
  project: ProjectHandle,
  counts: { images: number; pairs: number },
  log: (line: string) => void
): Promise<SeedFigures> {
  const bases = await jpegBases()
  const images: Array<{ sha256: string; bytes: number }> = []
  for (let i = 0; i < counts.images; i++) {
    const data = withComment(bases[i % BASES] as Buffer, `delta-studio bench image ${i}`)
    const sha256 = createHash('sha256').update(data).digest('hex')
    const file = mediaFilePath(project.mediaDir, sha256)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, data)
    images.push({ sha256, bytes: data.length })
  }
  insertBenchRows(project.db, images, counts.pairs, log)
  return {
    images: images.length,
    imageBytes: images.reduce((sum, image) => sum + image.bytes, 0),
    pairs: counts.pairs,
    shas: images.map((image) => image.sha256)
  }
}
