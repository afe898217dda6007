/** The model options `generate`, `judge`, `rank` and `eval-prefs` share. */
export type ModelTargetOptions = {
  model?: string
  mmproj?: string
  testModel?: boolean
  endpoint: string[]
  apiKey?: string
}

/** Job params naming the model to run: the test model, a local model, and/or endpoints. */
export function modelTargetParams(opts: ModelTargetOptions): Record<string, unknown> {
  return {
    ...(opts.testModel
      ? { testModel: true }
      : opts.model
        ? { model: opts.model, mmproj: opts.mmproj }
        : {}),
    endpoints: opts.endpoint.map((url) => ({
      url,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {})
    }))
  }
}
