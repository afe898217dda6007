import { hardVerdict, softVerdict } from '../../../src-shared/domain/verdict-score'
import type { ChatRequest, ChatResult, ContentPart, ImageInput } from '../inference/vlm-client'
import { VERDICT_LABELS } from './prompt-template'

/** One judgement in one presentation order. */
export type Verdict = {
  /** P(first-shown wins) from the top logprobs of the first token; null: no verdict token. */
  readonly soft: number | null
  /** 1 / 0 when the sampled token is a verdict (first / second wins), else null. */
  readonly hard: number | null
}

/**
 * The request of one judgement: one output token, its top logprobs, greedy, and the server's
 * prompt cache (the two orders of a comparison share their prefix up to the first candidate).
 */
export function verdictRequest(
  message: { readonly images: readonly ImageInput[]; readonly parts: readonly ContentPart[] },
  topLogprobs: number,
  signal?: AbortSignal
): ChatRequest {
  return {
    images: message.images,
    question: '',
    parts: message.parts,
    maxTokens: 1,
    temperature: 0,
    topLogprobs,
    extra: { cache_prompt: true },
    signal
  }
}

export function readVerdict(result: ChatResult): Verdict {
  const first = result.logprobs?.[0]
  return {
    soft: first ? softVerdict(first.top, VERDICT_LABELS) : null,
    hard: hardVerdict(result.text, VERDICT_LABELS)
  }
}

/** Why a response gave no verdict, for the per-item error. */
export function noVerdictReason(result: ChatResult, topLogprobs: number): string {
  const first = result.logprobs?.[0]
  if (!first || first.top.length === 0)
    return 'no verdict: the response carried no logprobs for its first token'
  return `no verdict token (A or B) among the top ${topLogprobs} logprobs`
}
