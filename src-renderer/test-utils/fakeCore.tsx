import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'

import { createClient } from '../../src-shared/rpc/client'
import type { EventEnvelope, RpcResponse } from '../../src-shared/rpc/envelope'
import type { ErrorCode } from '../../src-shared/rpc/errors'
import type { Transport } from '../../src-shared/rpc/transport'
import { setApiForTests } from '../api/client'
import { theme } from '../theme'

type Handler = (input: unknown) => unknown

/** Thrown by a fake handler to answer with an RPC error, as the core does. */
export class FakeRpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
  }
}

/**
 * A core that answers the given methods (others answer NOT_FOUND), records every call, and
 * pushes events on demand: for page tests that need no real core.
 */
export function fakeCore(handlers: Record<string, Handler>) {
  const calls: Array<{ method: string; input: unknown }> = []
  const listeners = new Set<(event: EventEnvelope) => void>()
  const transport: Transport = {
    async request(method, input): Promise<RpcResponse> {
      calls.push({ method, input })
      const handler = handlers[method]
      if (!handler) return { ok: false, error: { code: 'NOT_FOUND', message: method } }
      try {
        return { ok: true, result: await handler(input) }
      } catch (error) {
        const code = error instanceof FakeRpcError ? error.code : 'INTERNAL'
        return { ok: false, error: { code, message: (error as Error).message } }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl: (ref) => `/media/${ref.sha256}`
  }
  setApiForTests(createClient(transport))
  return {
    calls,
    callsOf: (method: string) => calls.filter((c) => c.method === method).map((c) => c.input),
    push: (topic: string, payload: unknown) => {
      for (const listener of listeners) listener({ topic, payload })
    }
  }
}

function LocationProbe() {
  const location = useLocation()
  return <div data-testid="location">{location.pathname + location.search}</div>
}

/** Renders a page with Mantine, react-query and a router; `location` shows where it navigated. */
export function renderPage(ui: ReactElement, path = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="*" element={ui} />
          </Routes>
          <LocationProbe />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
}
