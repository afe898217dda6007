import type { CorrectnessOptions } from './answer-correctness'

/** `responses.variant_key` of an answer on the original (high-quality) images. */
export const HQ_VARIANT = 'hq'

/**
 * Numeric tolerance a sample asks for in its metadata (`{"tolerance": {"absolute": 2}}` or
 * `{"tolerance": {"relative": 0.05}}`); exact when absent or malformed.
 */
export function toleranceOf(metadata: string | Record<string, unknown> | null): CorrectnessOptions {
  let value: unknown = metadata
  if (typeof metadata === 'string') {
    try {
      value = JSON.parse(metadata) as unknown
    } catch {
      return {}
    }
  }
  const tolerance = (value as { tolerance?: { absolute?: unknown; relative?: unknown } } | null)
    ?.tolerance
  if (!tolerance || typeof tolerance !== 'object') return {}
  return {
    ...(typeof tolerance.absolute === 'number' ? { absoluteTolerance: tolerance.absolute } : {}),
    ...(typeof tolerance.relative === 'number' ? { relativeTolerance: tolerance.relative } : {})
  }
}
