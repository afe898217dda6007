import { useCallback, useMemo, useState } from 'react'

/**
 * Selected pair ids, scoped to one filter: changing the filter starts an empty selection, so a
 * bulk action never touches pairs the person can no longer see.
 */
export function useSelection(scope: string) {
  const [state, setState] = useState<{ scope: string; ids: ReadonlySet<number> }>({
    scope,
    ids: new Set()
  })
  const ids = useMemo(() => (state.scope === scope ? state.ids : new Set<number>()), [state, scope])
  const [anchor, setAnchor] = useState<number | null>(null)

  const toggle = useCallback(
    (id: number, range?: readonly number[]) => {
      setState((current) => {
        const next = new Set(current.scope === scope ? current.ids : [])
        const on = !next.has(id)
        for (const x of range ?? [id]) {
          if (on) next.add(x)
          else next.delete(x)
        }
        return { scope, ids: next }
      })
      setAnchor(id)
    },
    [scope]
  )
  const setAll = useCallback(
    (all: readonly number[] | null) => setState({ scope, ids: new Set(all ?? []) }),
    [scope]
  )
  return { ids, anchor, toggle, setAll }
}
