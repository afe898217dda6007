import { fitBradleyTerry } from '../../../src-shared/domain/bradley-terry'
import { tournamentPairs } from '../../../src-shared/domain/tournament'
import type { IndexPair } from '../../../src-shared/domain/tournament'
import { combineOrders, orderEffect } from '../../../src-shared/domain/verdict-score'
import type { ChatRequest, ChatResult, ImageInput } from '../inference/vlm-client'
import type { InferenceError } from '../inference/inference-errors'
import { noVerdictReason, readVerdict, verdictRequest } from './ask-verdict'
import { renderTemplate } from './prompt-template'

/** One prompt's images, ready to compare. */
export type LoadedGroup<K> = {
  readonly key: K
  readonly prompt: string
  readonly images: readonly ImageInput[]
}

/** What a group's comparisons gave, in both orders, per compared index pair `[i, j]`. */
export type GroupOutcome<K> = {
  readonly key: K
  readonly n: number
  readonly pairs: readonly IndexPair[]
  /** s(i≻j) with i shown first; null: no verdict (or the request failed). */
  readonly xFirst: Array<number | null>
  /** s(j≻i) with j shown first. */
  readonly yFirst: Array<number | null>
  readonly hardX: Array<number | null>
  readonly hardY: Array<number | null>
  /** Why a request gave no verdict: item label → reason, for per-item errors. */
  readonly failures: string[]
}

type Request<K> = {
  outcome: GroupOutcome<K>
  prompt: string
  images: readonly ImageInput[]
  index: number
  iFirst: boolean
  left: { n: number }
}

export type GroupJudgingOptions<K> = {
  readonly template: string
  readonly topLogprobs: number
  readonly allPairsUpTo: number
  readonly degree: number
  readonly seed: number
  readonly chat: (req: ChatRequest) => Promise<ChatResult>
  /** Called once per group when its last request settled. */
  readonly onGroup: (outcome: GroupOutcome<K>) => void
  /** How an item is named in errors, e.g. `group 005658-0040`. */
  readonly label: (key: K) => string
}

/**
 * Compares every image pair of each group (a regular tournament for large groups) in both
 * presentation orders, as a flat stream of one-token requests so the caller's workers keep
 * every slot busy across group boundaries.
 */
export function groupJudging<K>(o: GroupJudgingOptions<K>) {
  const requests = async function* (groups: AsyncIterable<LoadedGroup<K>>) {
    for await (const g of groups) {
      const pairs = tournamentPairs(g.images.length, {
        threshold: o.allPairsUpTo,
        degree: o.degree,
        seed: o.seed
      })
      const nulls = () => pairs.map(() => null as number | null)
      const outcome: GroupOutcome<K> = {
        key: g.key,
        n: g.images.length,
        pairs,
        xFirst: nulls(),
        yFirst: nulls(),
        hardX: nulls(),
        hardY: nulls(),
        failures: []
      }
      const left = { n: pairs.length * 2 }
      if (left.n === 0) {
        o.onGroup(outcome)
        continue
      }
      for (let index = 0; index < pairs.length; index++) {
        // Both orders back to back: the second finds the shared prefix in the slot's cache.
        for (const iFirst of [true, false]) {
          yield {
            outcome,
            prompt: g.prompt,
            images: g.images,
            index,
            iFirst,
            left
          } satisfies Request<K>
        }
      }
    }
  }

  const settle = (r: Request<K>): void => {
    if (--r.left.n === 0) o.onGroup(r.outcome)
  }

  const describe = (r: Request<K>): string => {
    const [i, j] = r.outcome.pairs[r.index]!
    const [a, b] = r.iFirst ? [i, j] : [j, i]
    return `${o.label(r.outcome.key)}: images ${a} vs ${b}`
  }

  const handle = async (r: Request<K>, signal: AbortSignal): Promise<void> => {
    const [i, j] = r.outcome.pairs[r.index]!
    const [a, b] = r.iFirst ? [i, j] : [j, i]
    const content = renderTemplate(
      o.template,
      { prompt: r.prompt },
      { image_a: [r.images[a]!], image_b: [r.images[b]!] }
    )
    // A failure here goes to onItemError (per item) or ends the job (fatal); either way this
    // request is not counted twice.
    const result = await o.chat(verdictRequest(content, o.topLogprobs, signal))
    const v = readVerdict(result)
    if (r.iFirst) {
      r.outcome.xFirst[r.index] = v.soft
      r.outcome.hardX[r.index] = v.hard
    } else {
      r.outcome.yFirst[r.index] = v.soft
      r.outcome.hardY[r.index] = v.hard
    }
    if (v.soft === null)
      r.outcome.failures.push(`${describe(r)}: ${noVerdictReason(result, o.topLogprobs)}`)
    settle(r)
  }

  const onItemError = (r: Request<K>, error: InferenceError): void => {
    r.outcome.failures.push(`${describe(r)}: ${error.message}`)
    settle(r)
  }

  return { requests, handle, onItemError }
}

export type GroupScores = {
  /** Soft both-order Bradley–Terry scores (the method); null when no comparison answered. */
  readonly soft: number[] | null
  /** Soft scores of the first order only (i shown first for i < j). */
  readonly oneOrder: number[] | null
  /** Hard verdicts (sampled text) of both orders. */
  readonly hard: number[] | null
  /** Soft wins matrix of the method. */
  readonly wins: number[][]
  readonly answered: number
  readonly noVerdict: number
  /** Mean position bias over comparisons answered in both orders. */
  readonly orderEffect: number | null
  readonly orderEffects: number[]
}

function fit(n: number, add: (w: number[][]) => number): number[] | null {
  const w = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  return add(w) > 0 ? fitBradleyTerry(w).scores : null
}

/** Bradley–Terry scores of a group's outcome, for the method and its baselines. */
export function scoreGroup(g: GroupOutcome<unknown>): GroupScores {
  const wins = Array.from({ length: g.n }, () => new Array<number>(g.n).fill(0))
  let answered = 0
  const effects: number[] = []
  g.pairs.forEach(([i, j], k) => {
    const orders = { xFirst: g.xFirst[k]!, yFirst: g.yFirst[k]! }
    const c = combineOrders(orders)
    if (c === null) return
    answered++
    wins[i]![j]! += c
    wins[j]![i]! += 1 - c
    const e = orderEffect(orders)
    if (e !== null) effects.push(e)
  })
  const noVerdict =
    g.xFirst.filter((v) => v === null).length + g.yFirst.filter((v) => v === null).length
  const soft = answered > 0 ? fitBradleyTerry(wins).scores : null
  const oneOrder = fit(g.n, (w) => {
    let count = 0
    g.pairs.forEach(([i, j], k) => {
      const s = g.xFirst[k]
      if (s === null || s === undefined) return
      count++
      w[i]![j]! += s
      w[j]![i]! += 1 - s
    })
    return count
  })
  const hard = fit(g.n, (w) => {
    let count = 0
    g.pairs.forEach(([i, j], k) => {
      const x = g.hardX[k]
      const y = g.hardY[k]
      if (x !== null && x !== undefined) {
        count++
        w[i]![j]! += x
        w[j]![i]! += 1 - x
      }
      if (y !== null && y !== undefined) {
        count++
        w[j]![i]! += y
        w[i]![j]! += 1 - y
      }
    })
    return count
  })
  return {
    soft,
    oneOrder,
    hard,
    wins,
    answered,
    noVerdict,
    orderEffect: effects.length ? effects.reduce((a, b) => a + b, 0) / effects.length : null,
    orderEffects: effects
  }
}
