import type { EvalFormat } from '../../../src-shared/contract/judge'
import type { JobParamsInput } from '../../../src-shared/contract/job-kinds'
import { modelTargetFields } from '../models/ModelSource/modelSource'
import type { ModelSourceState } from '../models/ModelSource/modelSource'

/** What the `rank` and `eval-prefs` forms share: the model and how comparisons are drawn. */
export type JudgeRunForm = ModelSourceState & {
  parallel: number
  ctxPerSlot: number
  topLogprobs: number
  allPairsUpTo: number
  degree: number
  seed: number
}

type Built<T> = { params: T; problem: null } | { params: null; problem: string }

function common(form: JudgeRunForm) {
  const target = modelTargetFields(form)
  if (!target.fields) return { fields: null, problem: target.problem }
  return {
    fields: {
      ...target.fields,
      // The pool decides its own concurrency; slots and context only size a sidecar the job starts.
      ...(form.source === 'pool' ? {} : { parallel: form.parallel, ctxPerSlot: form.ctxPerSlot }),
      topLogprobs: form.topLogprobs,
      allPairsUpTo: form.allPairsUpTo,
      degree: form.degree,
      seed: form.seed
    },
    problem: null
  }
}

/** The params of a `rank` job from its form, or what is missing. */
export function rankParams(
  form: JudgeRunForm & { promptSet: string; pairs: 'best-worst' | 'margin'; margin: number }
): Built<JobParamsInput<'rank'>> {
  if (!form.promptSet.trim()) return { params: null, problem: 'choose a prompt-set file' }
  const c = common(form)
  if (!c.fields) return { params: null, problem: c.problem }
  return {
    params: {
      ...c.fields,
      promptSet: form.promptSet.trim(),
      pairs: form.pairs,
      // The margin only applies to the margin policy; best-worst keeps one pair whatever it is.
      ...(form.pairs === 'margin' ? { margin: form.margin } : {})
    },
    problem: null
  }
}

/** The params of an `eval-prefs` job from its form, or what is missing. */
export function evalPrefsParams(
  form: JudgeRunForm & {
    testFile: string
    format: EvalFormat
    imagesDir: string
    limit: number | null
    bootstrapRounds: number
  }
): Built<JobParamsInput<'eval-prefs'>> {
  if (!form.testFile.trim()) return { params: null, problem: 'choose the test set (test.json)' }
  if (!form.imagesDir.trim()) return { params: null, problem: 'choose the images folder' }
  const c = common(form)
  if (!c.fields) return { params: null, problem: c.problem }
  return {
    params: {
      ...c.fields,
      testFile: form.testFile.trim(),
      format: form.format,
      imagesDir: form.imagesDir.trim(),
      bootstrapRounds: form.bootstrapRounds,
      ...(form.limit ? { limit: form.limit } : {})
    },
    problem: null
  }
}

/**
 * A guess at the test set's format from its path (the published files sit in folders named
 * after the set), or null. Only a hint: the user's choice is what the job reads.
 */
export function guessEvalFormat(path: string): EvalFormat | null {
  if (/hpd/i.test(path)) return 'hpdv2'
  if (/image_?reward/i.test(path)) return 'imagereward'
  return null
}
