import { useState } from 'react'

import { useModelSource } from '../models/ModelSource/useModelSource'
import type { ModelSource } from '../models/ModelSource/useModelSource'
import type { JudgeRunForm } from './judgeParams'

export type JudgeRunSettings = Omit<JudgeRunForm, keyof ModelSource> & {
  set: (patch: Partial<Omit<JudgeRunForm, keyof ModelSource>>) => void
}

/**
 * The model and comparison settings of a `rank` or `eval-prefs` form, defaults as the contract's
 * (20 logprobs, all pairs up to 12 images, 6 comparisons per image beyond, seed 1).
 */
export function useJudgeRun(): { target: ModelSource; run: JudgeRunSettings } {
  const target = useModelSource()
  const [run, setRun] = useState({ topLogprobs: 20, allPairsUpTo: 12, degree: 6, seed: 1 })
  return { target, run: { ...run, set: (patch) => setRun((r) => ({ ...r, ...patch })) } }
}
