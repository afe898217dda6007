import { describe, expect, it } from 'vitest'

import { openTestStore } from './test-support/test-store'

const sha = (c: string) => c.repeat(64)

function fixture() {
  const store = openTestStore()
  const hq = store.images.insertOriginal({
    sha256: sha('a'),
    width: 8,
    height: 6,
    format: 'png',
    bytes: 99
  })
  const lq = store.images.insertVariant({
    sourceId: hq,
    recipeKey: 'jpeg:q=10',
    recipe: { steps: [{ type: 'jpeg', q: 10 }] },
    sha256: sha('b'),
    width: 8,
    height: 6,
    format: 'jpeg',
    bytes: 40
  })
  const sample = store.samples.insert({
    question: 'What is shown?',
    groundTruth: 'a cat',
    tier: 1,
    dedupeKey: 'k1',
    imageIds: [hq]
  })
  const runId = store.runs.create({
    model: 'tiny.gguf',
    isTestModel: true,
    params: { temperature: 0 }
  })
  return { store, hq, lq, sampleId: sample.id, runId }
}

describe('repositories', () => {
  it('store images and samples once, whatever the number of inserts', () => {
    const { store, hq, lq, sampleId } = fixture()
    expect(
      store.images.insertOriginal({
        sha256: sha('a'),
        width: 8,
        height: 6,
        format: 'png',
        bytes: 99
      })
    ).toBe(hq)
    expect(
      store.images.insertVariant({
        sourceId: hq,
        recipeKey: 'jpeg:q=10',
        recipe: {},
        sha256: sha('c'),
        width: 8,
        height: 6,
        format: 'jpeg',
        bytes: 1
      })
    ).toBe(lq)
    expect(store.samples.insert({ question: 'other', dedupeKey: 'k1', imageIds: [hq] })).toEqual({
      id: sampleId,
      inserted: false
    })
    expect(store.samples.get(sampleId)).toMatchObject({
      question: 'What is shown?',
      images: [{ sha256: sha('a'), position: 0, recipeKey: null }],
      responseCount: 0,
      pairCount: 0
    })
  })

  it('insert a response once per run × sample × variant (ON CONFLICT DO NOTHING)', () => {
    const { store, sampleId, runId } = fixture()
    const first = store.responses.insert({
      runId,
      sampleId,
      variantKey: 'hq',
      text: 'a cat',
      completionTokens: 2
    })
    const again = store.responses.insert({
      runId,
      sampleId,
      variantKey: 'hq',
      text: 'changed',
      completionTokens: 9
    })
    expect(first.inserted).toBe(true)
    expect(again).toEqual({ id: first.id, inserted: false })
    expect(store.responses.get(first.id)?.text).toBe('a cat')
    expect(store.responses.doneVariants(runId, sampleId)).toEqual(new Set(['hq']))
  })

  it('create the pairs of a sample idempotently, with deltas and images for the DTO', () => {
    const { store, sampleId, runId } = fixture()
    const [hq, lq] = store.responses.insertMany([
      { runId, sampleId, variantKey: 'hq', text: 'A cat.', completionTokens: 3 },
      {
        runId,
        sampleId,
        variantKey: 'jpeg:q=10',
        text: 'A large brown dog sitting.',
        completionTokens: 7
      }
    ]) as unknown as [{ id: number }, { id: number }]
    const make = () =>
      store.pairs.createPairsForSample(sampleId, [
        {
          origin: 'visual-delta',
          runId,
          chosenResponseId: hq.id,
          rejectedResponseId: lq.id,
          chosenText: 'A cat.',
          rejectedText: 'A large brown dog sitting.',
          chosenTokens: 3,
          rejectedTokens: 7,
          recipeKey: 'jpeg:q=10',
          perturbType: 'jpeg',
          chosenCorrect: true,
          rejectedCorrect: false,
          tags: ['seeded']
        }
      ])
    const [created] = make()
    const [repeat] = make()
    expect(created!.inserted).toBe(true)
    expect(repeat).toEqual({ id: created!.id, inserted: false })
    const dto = store.pairs.dtos([created!.id])[0]!
    expect(dto).toMatchObject({
      question: 'What is shown?',
      groundTruth: 'a cat',
      deltaTokens: 4,
      deltaWords: 3,
      tier: 1,
      tierSource: 'auto',
      tags: ['seeded'],
      hqImages: [{ sha256: sha('a'), width: 8, height: 6, position: 0 }],
      lqImages: [{ sha256: sha('b'), recipeKey: 'jpeg:q=10', position: 0 }],
      run: { model: 'tiny.gguf', isTestModel: true, params: { temperature: 0 } }
    })
    expect(store.samples.get(sampleId)).toMatchObject({ responseCount: 2, pairCount: 1 })
  })

  it('roll back a batch that fails part-way', () => {
    const { store, sampleId, runId } = fixture()
    expect(() =>
      store.responses.insertMany([
        { runId, sampleId, variantKey: 'hq', text: 'ok' },
        { runId: 999, sampleId, variantKey: 'hq', text: 'bad run' }
      ])
    ).toThrow(/FOREIGN KEY/)
    expect(store.responses.ofSample(sampleId)).toEqual([])
  })

  it('record judge scores without an event or a version bump', () => {
    const { store, sampleId } = fixture()
    const [pair] = store.pairs.createMany([
      { sampleId, origin: 'manual', chosenText: 'a', rejectedText: 'b' }
    ])
    store.pairs.setJudgeScores([{ pairId: pair!.id, score: 0.8 }])
    expect(store.pairs.dtos([pair!.id])[0]).toMatchObject({ judgeScore: 0.8, version: 1 })
    expect(store.events.history(pair!.id)).toEqual([])
  })

  it('list samples by text and tier with a keyset cursor', () => {
    const store = openTestStore(50)
    const page = store.samples.list({ text: 'color' }, null, 5)
    expect(page.rows.length).toBe(5)
    expect(page.rows.every((s) => /color/i.test(s.question))).toBe(true)
    const next = store.samples.list({ text: 'color' }, page.nextCursor, 500)
    expect(page.rows.length + next.rows.length).toBe(page.total)
    expect(
      store.samples.list({ tiers: [1], hasPairs: true }, null, 500).rows.every((s) => s.tier === 1)
    ).toBe(true)
  })
})
