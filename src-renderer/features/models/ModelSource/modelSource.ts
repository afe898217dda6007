/**
 * Where a job's requests go, as the forms that start `generate`, `rank` and `eval-prefs` offer
 * it: the test model, a local model (the job starts its own sidecar), endpoints, or (for the
 * judge kinds) the studio's pool of the running sidecar and the endpoints added on Models.
 */
export type ModelSourceKind = 'pool' | 'test' | 'local' | 'endpoints'

export type ModelSourceState = {
  source: ModelSourceKind
  model: string
  mmproj: string
  /** Base URLs separated by white space. */
  endpoints: string
  /** The saved `-ngl` (Models page), for a sidecar the job starts for a local model. */
  gpuLayers: number
}

/** The target fields the job schemas share (`testModel`, `model` + `mmproj`, `endpoints`, `pool`). */
export type ModelTargetFields =
  | { testModel: true }
  | { model: string; mmproj: string; gpuLayers: number }
  | { endpoints: Array<{ url: string }> }
  | { pool: true }

/** The job's target fields from the form, or what is missing (checked before `jobs.start`). */
export function modelTargetFields(
  s: ModelSourceState
): { fields: ModelTargetFields; problem: null } | { fields: null; problem: string } {
  if (s.source === 'test') return { fields: { testModel: true }, problem: null }
  if (s.source === 'pool') return { fields: { pool: true }, problem: null }
  if (s.source === 'local') {
    if (!s.model.trim() || !s.mmproj.trim())
      return { fields: null, problem: 'a local VLM needs its model and its mmproj file' }
    return {
      fields: { model: s.model.trim(), mmproj: s.mmproj.trim(), gpuLayers: s.gpuLayers },
      problem: null
    }
  }
  const urls = s.endpoints.split(/\s+/).filter(Boolean)
  if (urls.length === 0) return { fields: null, problem: 'give at least one endpoint URL' }
  return { fields: { endpoints: urls.map((url) => ({ url })) }, problem: null }
}
