import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'

import type { BulkOp, PairTarget } from '../../../../src-shared/contract/pairs'
import { api } from '../../../api/client'

export type BulkRequest = Readonly<{ op: BulkOp; target: PairTarget; count: number; verb: string }>
export type BulkResult = Readonly<{
  verb: string
  count: number
  affected: number
  batchId: string | null
}>

const refreshPairs = (queryClient: ReturnType<typeof useQueryClient>) =>
  queryClient.invalidateQueries({
    predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('pairs.')
  })

/**
 * Bulk changes with a confirmation step and a one-step undo of exactly that change: undo is
 * refused when another change was made since (it would undo that one instead).
 */
export function useBulkAction() {
  const queryClient = useQueryClient()
  const [pending, setPending] = useState<BulkRequest | null>(null)
  const [result, setResult] = useState<BulkResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  /** Applies the pending change; true when it was applied. */
  const confirm = async (): Promise<boolean> => {
    if (!pending) return false
    setBusy(true)
    setError(null)
    try {
      const out = await api().call('pairs.bulk', { target: pending.target, op: pending.op })
      setResult({
        verb: pending.verb,
        count: pending.count,
        affected: out.affected,
        batchId: out.batchId
      })
      setPending(null)
      await refreshPairs(queryClient)
      return true
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  const undo = async () => {
    if (!result?.batchId) return
    setBusy(true)
    setError(null)
    try {
      const state = await api().call('pairs.undoState', {})
      if (state.undo?.batchId !== result.batchId) {
        setError('Another change was made after this one; undo it from the review page first.')
        return
      }
      await api().call('pairs.undo', {})
      setResult(null)
      await refreshPairs(queryClient)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return {
    pending,
    request: (req: BulkRequest) => {
      setError(null)
      setPending(req)
    },
    cancel: () => setPending(null),
    confirm,
    result,
    dismiss: () => setResult(null),
    undo,
    busy,
    error
  }
}
