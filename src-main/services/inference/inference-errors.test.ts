import { describe, expect, it } from 'vitest'

import { errorFromResponse } from './inference-errors'

// Bodies as llama-server sends them (llama-server.md §3).
const body = (code: number, message: string, type: string, extra = {}): string =>
  JSON.stringify({ error: { code, message, type, ...extra } })

describe('errorFromResponse', () => {
  it('maps the server errors to stable kinds', () => {
    const cases: Array<[number, string, string]> = [
      [400, body(400, 'Failed to load image or audio file', 'invalid_request_error'), 'bad_image'],
      [
        400,
        body(400, 'Invalid uri format: data:text/html;base64', 'invalid_request_error'),
        'bad_image'
      ],
      [400, body(400, 'top_logprobs requires logprobs', 'invalid_request_error'), 'bad_request'],
      [401, body(401, 'Invalid API Key', 'authentication_error'), 'auth'],
      [503, body(503, 'Loading model', 'unavailable_error'), 'unavailable'],
      [500, body(500, 'failed to process mtmd chunk', 'server_error'), 'server'],
      [502, '<html>Bad gateway</html>', 'server']
    ]
    for (const [status, text, kind] of cases)
      expect(errorFromResponse(status, text).kind).toBe(kind)
  })

  it('keeps the token counts of a context overflow', () => {
    const error = errorFromResponse(
      400,
      body(
        400,
        'request (2854 tokens) exceeds the available context size (512 tokens)',
        'exceed_context_size_error',
        {
          n_prompt_tokens: 2854,
          n_ctx: 512
        }
      )
    )
    expect(error).toMatchObject({
      kind: 'context_exceeded',
      details: { nPromptTokens: 2854, nCtx: 512 }
    })
    expect(error.retryable).toBe(false)
  })
})
