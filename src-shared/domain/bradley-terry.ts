/**
 * Bradley–Terry strengths from (soft) win counts, fitted by Hunter's MM iterations (2004):
 * `p_i ← W_i / Σ_j n_ij / (p_i + p_j)`. A small prior adds `prior` wins each way to every
 * compared pair, so an item that won every comparison keeps a finite strength.
 */

export type BradleyTerryOptions = {
  /** Pseudo-wins added each way to every compared pair; default 0.1. */
  readonly prior?: number
  readonly maxIterations?: number
  /** Stops when no log-strength moves more than this; default 1e-10. */
  readonly tolerance?: number
}

export type BradleyTerryFit = {
  /** Log-strengths, centred to mean 0: `P(i≻j) = 1 / (1 + exp(score_j − score_i))`. */
  readonly scores: number[]
  readonly iterations: number
  readonly converged: boolean
}

/**
 * `wins[i][j]` is how often (or how surely, for soft verdicts) i beat j. Pairs with
 * `wins[i][j] + wins[j][i] = 0` were not compared and add nothing, not even the prior. An item
 * compared with nobody gets score 0.
 */
export function fitBradleyTerry(
  wins: readonly (readonly number[])[],
  options: BradleyTerryOptions = {}
): BradleyTerryFit {
  const n = wins.length
  const prior = options.prior ?? 0.1
  const maxIterations = options.maxIterations ?? 10_000
  const tolerance = options.tolerance ?? 1e-10
  const w: number[][] = []
  const compared: boolean[][] = []
  for (let i = 0; i < n; i++) {
    w.push([])
    compared.push([])
    for (let j = 0; j < n; j++) {
      const seen = i !== j && (wins[i]![j]! > 0 || wins[j]![i]! > 0)
      compared[i]!.push(seen)
      w[i]!.push(seen ? wins[i]![j]! + prior : 0)
    }
  }
  const totalWins = w.map((row) => row.reduce((a, b) => a + b, 0))
  let p = new Array<number>(n).fill(1)
  let iterations = 0
  let converged = n < 2
  while (!converged && iterations < maxIterations) {
    iterations++
    const next = p.map((pi, i) => {
      let denom = 0
      for (let j = 0; j < n; j++) {
        if (compared[i]![j]) denom += (w[i]![j]! + w[j]![i]!) / (pi + p[j]!)
      }
      return denom > 0 ? totalWins[i]! / denom : pi
    })
    // Strengths are defined up to a factor: fix their geometric mean at 1.
    const logMean = next.reduce((a, v) => a + Math.log(v), 0) / n
    const scaled = next.map((v) => v / Math.exp(logMean))
    converged = scaled.every((v, i) => Math.abs(Math.log(v) - Math.log(p[i]!)) < tolerance)
    p = scaled
  }
  const logs = p.map((v) => Math.log(v))
  const mean = logs.reduce((a, b) => a + b, 0) / Math.max(1, n)
  return { scores: logs.map((v) => v - mean), iterations, converged }
}
