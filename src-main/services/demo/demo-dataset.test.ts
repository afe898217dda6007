import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { checkAnswer } from '../../../src-shared/domain/answer-correctness'
import { openProjectFolder } from '../project/project-folder'
import { createDemoProject } from './demo-dataset'
import { demoScenes, SCENE_KINDS } from './demo-scenes'

const root = mkdtempSync(join(tmpdir(), 'demo-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('demo scenes', () => {
  it('are deterministic from the seed and cover every kind of fine detail', () => {
    const a = demoScenes(7, 60)
    expect(demoScenes(7, 60)).toEqual(a)
    expect(demoScenes(8, 60).map((s) => s.svg)).not.toEqual(a.map((s) => s.svg))
    for (const kind of SCENE_KINDS) expect(a.filter((s) => s.kind === kind)).toHaveLength(12)
  })

  it('print the ground truth into the image it belongs to', () => {
    for (const scene of demoScenes(3, 20)) {
      if (scene.kind === 'digits' || scene.kind === 'word' || scene.kind === 'chart') {
        expect(scene.svg).toContain(`>${scene.answer}</text>`)
      }
      if (scene.kind === 'count') {
        expect(scene.svg.split('<polygon').length - 1).toBe(Number(scene.answer))
      }
    }
  })

  it('label what each image shows, as the composer needs it', () => {
    for (const scene of demoScenes(5, 10)) {
      expect(scene.labels.kind).toBe(scene.kind)
      if (scene.kind === 'digits') expect(scene.labels.number).toBe(scene.answer)
      if (scene.kind === 'count') expect(scene.labels.triangles).toBe(scene.answer)
      if (scene.kind === 'chart') {
        const bar = /bar ([A-E])/.exec(scene.question)![1]!
        expect(scene.labels[`bar_${bar}`]).toBe(scene.answer)
        for (const b of 'ABCDE') expect(scene.svg).toContain(`>${scene.labels[`bar_${b}`]}</text>`)
      }
      if (scene.kind === 'colour') expect(scene.labels.colour).toBe(scene.metadata.colour)
    }
  })

  it('grade their own multiple-choice answers with option letters', () => {
    const choice = demoScenes(1, 60).find((s) => s.metadata.multiple_choice)!
    expect(choice.answer).toMatch(/^[A-D]$/)
    const colour = String(choice.metadata.colour)
    expect(choice.question).toContain(`(${choice.answer}) ${colour}`)
    expect(checkAnswer(`(${choice.answer}) ${colour}`, choice.answer).correct).toBe(true)
  })
})

describe('createDemoProject', () => {
  it('creates a project with 60 PNG images, questions and ground truth, idempotently', async () => {
    const dir = join(root, 'demo')
    expect(await createDemoProject(dir, { seed: 11 })).toEqual({ project: dir, samples: 60 })
    expect(await createDemoProject(dir, { seed: 11 })).toEqual({ project: dir, samples: 60 })
    const project = openProjectFolder(dir, { create: 'never' })
    const counts = project.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM samples) AS samples,
                (SELECT COUNT(*) FROM samples WHERE ground_truth IS NOT NULL AND tier = 1) AS graded,
                (SELECT COUNT(*) FROM images WHERE format = 'png' AND width = 512) AS images`
      )
      .get()
    expect(counts).toEqual({ samples: 60, graded: 60, images: 60 })
    const labelled = project.db
      .prepare(`SELECT COUNT(DISTINCT sample_id) AS n FROM sample_labels WHERE name = 'kind'`)
      .get()
    expect(labelled).toEqual({ n: 60 })
    project.db.close()
  })
})
