import { useState } from 'react'

/**
 * Runs an async action a form started and keeps what the form shows about it: whether one is
 * in flight, and the error it ended with (the core's message, word for word).
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return { run, busy, error }
}
