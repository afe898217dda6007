import sharp from 'sharp'

import { openProjectFolder } from '../project/project-folder'
import type { ProjectHandle } from '../project/project-folder'
import { addOriginalImage, insertSample } from '../ingest/sample-writer'
import { demoRecipe } from './demo-recipe'
import { demoScenes } from './demo-scenes'

export type DemoResult = { readonly project: string; readonly samples: number }

/**
 * Renders the demo scenes to PNG with sharp and stores them with their questions and ground
 * truth in `project` (an open project). Idempotent: scenes already present are skipped, so an
 * interrupted run completes on the next call. Returns how many demo samples the project holds.
 */
export async function fillDemoProject(
  project: ProjectHandle,
  options: {
    seed?: number
    count?: number
    onProgress?: (done: number, total: number) => void
  } = {}
): Promise<number> {
  const scenes = demoScenes(options.seed ?? demoRecipe().seed, options.count ?? demoRecipe().count)
  let done = 0
  for (const scene of scenes) {
    const png = await sharp(Buffer.from(scene.svg)).png({ compressionLevel: 6 }).toBuffer()
    const image = await addOriginalImage(project.db, project.mediaDir, { bytes: png }, 'demo')
    insertSample(project.db, {
      question: scene.question,
      images: [image],
      groundTruth: scene.answer,
      externalId: scene.id,
      metadata: { ...scene.metadata, demo_kind: scene.kind }
    })
    options.onProgress?.(++done, scenes.length)
  }
  return scenes.length
}

/**
 * Creates (or completes) the demo project in `dir`: a new or empty folder, or a folder that
 * already holds a demo project. Deterministic from the seed.
 */
export async function createDemoProject(
  dir: string,
  options: {
    seed?: number
    count?: number
    onProgress?: (done: number, total: number) => void
  } = {}
): Promise<DemoResult> {
  const project = openProjectFolder(dir, { create: 'if-missing', name: demoRecipe().name })
  try {
    const samples = await fillDemoProject(project, options)
    return { project: project.dir, samples }
  } finally {
    project.db.close()
  }
}
