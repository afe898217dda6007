import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { EvalReportDto } from '../../../../src-shared/contract/judge'
import {
  hpdv2Accuracy,
  hpdv2Score,
  imageRewardAccuracy,
  imageRewardPairs
} from '../../../../src-shared/domain/preference-metrics'
import { appRoot } from '../../../platform/paths'
import { patternPng } from '../../inference/test-support/test-images'

const run = promisify(execFile)
// Each test starts the CLI (tsx) and a llama-server: minutes on a busy 2-core machine.
const CLI_TIMEOUT = 300_000
const root = mkdtempSync(join(tmpdir(), 'eval-prefs-'))
const images = join(root, 'images')
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(appRoot(), 'bin', 'delta-studio.js'), ...args],
      { maxBuffer: 64 * 1024 * 1024 }
    )
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}

const lastJson = (stdout: string) =>
  JSON.parse(stdout.trim().split('\n').at(-1)!) as EvalReportDto & { errors: number }

type ScoreLine = { group: string | number; image: string; score: number }
const readScores = (file: string): ScoreLine[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ScoreLine)

const scoresOf = (lines: ScoreLine[], group: string | number, paths: string[]) =>
  paths.map((p) => lines.find((l) => l.group === group && l.image === p)!.score)

// ImageReward layout: `<group>/<n>.webp`-like relative paths; WebP is sent to the server as PNG.
const IR = [
  { id: 'g4', prompt: 'a red bicycle', n: 4, ranking: [1, 2, 1, 4] },
  { id: 'g5', prompt: 'a bowl of ramen', n: 5, ranking: [3, 1, 2, 5, 4] },
  { id: 'g6', prompt: 'a lighthouse at dusk', n: 6, ranking: [2, 2, 1, 3, 6, 5] }
]

beforeAll(async () => {
  for (const g of IR) {
    mkdirSync(join(images, g.id), { recursive: true })
    for (let i = 0; i < g.n; i++) {
      const png = await patternPng(i + g.n * 10)
      const file = join(images, g.id, `${i}.${i % 2 ? 'webp' : 'png'}`)
      writeFileSync(file, i % 2 ? await sharp(png).webp().toBuffer() : png)
    }
  }
})

const irPaths = (g: (typeof IR)[number]) =>
  Array.from({ length: g.n }, (_, i) => `${g.id}/${i}.${i % 2 ? 'webp' : 'png'}`)

describe('eval-prefs with the real sidecar and the tiny test VLM', { timeout: CLI_TIMEOUT }, () => {
  it('scores an ImageReward set, skips each bad group with its reason, and recomputes from --scores-out', async () => {
    const test = [
      ...IR.map((g) => ({
        id: g.id,
        prompt: g.prompt,
        generations: irPaths(g),
        ranking: g.ranking
      })),
      { id: 'missing', prompt: 'x', generations: ['g4/0.png', 'nope/1.png'], ranking: [1, 2] },
      { id: 'short', prompt: 'x', generations: ['g4/0.png', 'g4/2.png'], ranking: [1, 2, 3] },
      { id: 'empty', prompt: 'x', generations: [], ranking: [] }
    ]
    const file = join(root, 'ir-test.json')
    writeFileSync(file, JSON.stringify(test))
    const out = join(root, 'ir-scores.jsonl')
    const r = await cli(
      'eval-prefs',
      file,
      '--format',
      'imagereward',
      '--images',
      images,
      '--test-model',
      '--top-logprobs',
      '259',
      '--scores-out',
      out,
      '--json'
    )
    expect(r.code, r.stderr).toBe(0)
    const report = lastJson(r.stdout)
    expect(report).toMatchObject({
      format: 'imagereward',
      is_test_model: true,
      groups: 3,
      groups_total: 6,
      // Human ties skipped: g4 has 5 ordered pairs, g5 10, g6 14.
      pairs: 5 + 10 + 14,
      judgements: 2 * (6 + 10 + 15),
      skipped: {
        groups: 3,
        reasons: { 'missing image': 1, 'ranking length mismatch': 1, 'empty group': 1 }
      }
    })
    expect(report.caveat).toMatch(/random weights/)
    expect(report.references.map((x) => x.imagereward)).toContain(64.9)
    expect(r.stderr).toMatch(/group missing: image "nope\/1.png" does not exist/)
    expect(r.stderr).toMatch(/group short: "ranking" has 3 entries for 2 images/)
    expect(r.stderr).toMatch(/group empty: the group has no images/)
    for (const b of ['random', 'always_first', 'hard_verdict', 'one_order'] as const)
      expect(report.baselines[b].accuracy).toBeGreaterThanOrEqual(0)
    expect(report.interval!.low).toBeLessThanOrEqual(report.accuracy!)
    expect(report.interval!.high).toBeGreaterThanOrEqual(report.accuracy!)

    // Anyone can recompute the accuracy from the scores file and the test file alone.
    const lines = readScores(out)
    expect(lines).toHaveLength(4 + 5 + 6)
    const recomputed = imageRewardAccuracy(
      IR.map((g) => imageRewardPairs(g.ranking, scoresOf(lines, g.id, irPaths(g))))
    )
    expect(report.accuracy).toBeCloseTo(recomputed, 12)
    // The always-first baseline is a fixed policy: recomputable by hand from list order.
    const first = imageRewardAccuracy(
      IR.map((g) =>
        imageRewardPairs(
          g.ranking,
          g.ranking.map((_, i) => -i)
        )
      )
    )
    expect(report.baselines.always_first.accuracy).toBeCloseTo(first, 12)
  })

  it('scores an HPD v2 set by the per-prompt inversion score, groups keyed by index', async () => {
    const test = [
      { prompt: 'a red bicycle', image_path: irPaths(IR[0]!), rank: [1, 2.5, 2.5, 4] },
      { prompt: 'no images', image_path: ['g5/0.png'], rank: [1, 2] },
      { prompt: 'a bowl of ramen', image_path: irPaths(IR[1]!), rank: [2, 1, 3, 5, 4] }
    ]
    const file = join(root, 'hpd-test.json')
    writeFileSync(file, JSON.stringify(test))
    const out = join(root, 'hpd-scores.jsonl')
    const r = await cli(
      'eval-prefs',
      file,
      '--format',
      'hpdv2',
      '--images',
      images,
      '--test-model',
      '--top-logprobs',
      '259',
      '--scores-out',
      out,
      '--json'
    )
    expect(r.code, r.stderr).toBe(0)
    const report = lastJson(r.stdout)
    expect(report).toMatchObject({
      format: 'hpdv2',
      groups: 2,
      pairs: 6 + 10,
      skipped: { groups: 1, reasons: { 'ranking length mismatch': 1 } }
    })
    const lines = readScores(out)
    expect(new Set(lines.map((l) => l.group))).toEqual(new Set([0, 2]))
    const recomputed = hpdv2Accuracy([
      hpdv2Score(test[0]!.rank, scoresOf(lines, 0, test[0]!.image_path)),
      hpdv2Score(test[2]!.rank, scoresOf(lines, 2, test[2]!.image_path))
    ])
    expect(report.accuracy).toBeCloseTo(recomputed, 12)
  })
})

describe(
  'eval-prefs against an endpoint whose model may answer without a verdict token',
  { timeout: CLI_TIMEOUT },
  () => {
    // A stand-in for a model: it always prefers the first image at 0.7 and, for one prompt, answers
    // tokens that are no verdict at all, a fault the tiny random model produces only by chance.
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        const noVerdict = body.includes('unanswerable')
        const top = noVerdict
          ? [
              { token: 'Hmm', logprob: Math.log(0.6) },
              { token: '\n', logprob: Math.log(0.3) }
            ]
          : [
              { token: 'A', logprob: Math.log(0.7) },
              { token: ' B', logprob: Math.log(0.3) }
            ]
        res.setHeader('Content-Type', 'application/json')
        res.end(
          JSON.stringify({
            model: 'stand-in',
            choices: [
              {
                finish_reason: 'length',
                message: { content: top[0]!.token },
                logprobs: {
                  content: [{ token: top[0]!.token, logprob: top[0]!.logprob, top_logprobs: top }]
                }
              }
            ],
            usage: { prompt_tokens: 10, completion_tokens: 1 }
          })
        )
      })
    })
    beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)))
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    it('records "no verdict" per comparison, skips that group, and cancels a pure position bias', async () => {
      const test = [
        {
          id: 'g4',
          prompt: 'a red bicycle',
          generations: irPaths(IR[0]!),
          ranking: IR[0]!.ranking
        },
        {
          id: 'nv',
          prompt: 'an unanswerable prompt',
          generations: irPaths(IR[1]!),
          ranking: IR[1]!.ranking
        }
      ]
      const file = join(root, 'nv-test.json')
      writeFileSync(file, JSON.stringify(test))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const r = await cli(
        'eval-prefs',
        file,
        '--format',
        'imagereward',
        '--images',
        images,
        '--endpoint',
        url,
        '--json'
      )
      expect(r.code, r.stderr).toBe(0)
      const report = lastJson(r.stdout)
      expect(report.groups).toBe(1)
      expect(report.skipped.reasons).toEqual({ 'no verdict': 1 })
      expect(report.no_verdict).toBe(2 * 10)
      expect(r.stderr).toMatch(
        /group nv: group nv: images \d vs \d: no verdict token \(A or B\) among the top 20 logprobs/
      )
      // 0.7 for whichever comes first: a position bias of 0.2 that both orders cancel to 0.5, so
      // every image ties and (predicted ties are wrong) the method scores 0; one order alone
      // reproduces the "always first" policy exactly.
      expect(report.order_effect).toBeCloseTo(0.2, 9)
      expect(report.accuracy).toBe(0)
      expect(report.baselines.one_order.accuracy).toBeCloseTo(
        report.baselines.always_first.accuracy!,
        12
      )
      expect(report.baselines.hard_verdict.accuracy).toBe(0)
    })
  }
)
