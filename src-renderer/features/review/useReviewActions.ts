import { useLocalStorage } from '@mantine/hooks'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'

import type { PairDto, PairOp } from '../../../src-shared/contract/pairs'
import { api } from '../../api/client'

const isDecision = (op: PairOp) => op.op === 'accept' || op.op === 'reject'

/**
 * Review actions on the current pair. Each change is one undoable step in the core; the
 * returned pair replaces the cached one at once. With auto-advance on, a decision (accept or
 * reject) moves to the next pair without waiting for the write.
 */
export function useReviewActions(
  pair: PairDto | undefined,
  nav: Readonly<{ next: number | null; prev: number | null; goTo(id: number): void }>
) {
  const queryClient = useQueryClient()
  const [autoAdvance, setAutoAdvance] = useLocalStorage({
    key: 'delta-studio.auto-advance',
    defaultValue: true,
    getInitialValueInEffect: false
  })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(0)

  const track = async <T>(work: Promise<T>): Promise<T | undefined> => {
    setBusy((n) => n + 1)
    setError(null)
    try {
      return await work
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return undefined
    } finally {
      setBusy((n) => n - 1)
    }
  }

  const apply = (op: PairOp) => {
    if (!pair) return
    const target = pair
    const write = api()
      .call('pairs.update', { id: target.id, version: target.version, op })
      .then((out) => {
        queryClient.setQueryData(['pairs.get', { id: out.pair.id }], out.pair)
        void queryClient.invalidateQueries({ queryKey: ['pairs.undoState'] })
        void queryClient.invalidateQueries({ queryKey: ['pairs.history', { id: target.id }] })
        return out
      })
    void track(write).then((out) => {
      // A stale version means another window changed the pair: show its current state.
      if (!out) void queryClient.invalidateQueries({ queryKey: ['pairs.get', { id: target.id }] })
    })
    if (autoAdvance && isDecision(op) && nav.next !== null) nav.goTo(nav.next)
  }

  const step = (method: 'pairs.undo' | 'pairs.redo') =>
    void track(api().call(method, {})).then((out) => {
      if (!out) return
      for (const id of out.ids ?? []) {
        void queryClient.invalidateQueries({ queryKey: ['pairs.get', { id }] })
        void queryClient.invalidateQueries({ queryKey: ['pairs.history', { id }] })
      }
      void queryClient.invalidateQueries({ queryKey: ['pairs.undoState'] })
      // Show the pair that changed back, so an undo is never invisible.
      const only = out.ids?.length === 1 ? out.ids[0] : undefined
      if (only !== undefined && only !== pair?.id) nav.goTo(only)
    })

  return {
    apply,
    undo: () => step('pairs.undo'),
    redo: () => step('pairs.redo'),
    next: () => nav.next !== null && nav.goTo(nav.next),
    prev: () => nav.prev !== null && nav.goTo(nav.prev),
    autoAdvance,
    setAutoAdvance,
    error,
    dismissError: () => setError(null),
    busy: busy > 0
  }
}
