import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter, useLocation } from 'react-router-dom'
import { describe, expect, it } from 'vitest'

import { usePairFilterState } from './usePairFilterState'
import { useSelection } from './useSelection'

function wrapper(initial: string) {
  return ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[initial]}>{children}</MemoryRouter>
  )
}

describe('usePairFilterState', () => {
  it('reads the filter from the URL and writes changes back, keeping other params', () => {
    const { result } = renderHook(
      () => ({ state: usePairFilterState(), location: useLocation() }),
      { wrapper: wrapper('/review?id=7&tier=2&dtok=-5..20&sort=judgeScore:desc') }
    )
    expect(result.current.state.filter).toEqual({ tiers: [2], deltaTokens: { min: -5, max: 20 } })
    expect(result.current.state.sort).toEqual({ key: 'judgeScore', dir: 'desc' })

    act(() => result.current.state.patchFilter({ statuses: ['pending'], deltaTokens: undefined }))
    const params = new URLSearchParams(result.current.location.search)
    expect(params.get('id')).toBe('7')
    expect(params.getAll('tier')).toEqual(['2'])
    expect(params.getAll('status')).toEqual(['pending'])
    expect(params.has('dtok')).toBe(false)
    expect(result.current.state.query).toBe('tier=2&status=pending&sort=judgeScore%3Adesc')

    act(() => result.current.state.applyQuery('tier=3'))
    expect(result.current.state.filter).toEqual({ tiers: [3] })
    expect(result.current.state.sort).toEqual({ key: 'id', dir: 'asc' })
  })
})

describe('useSelection', () => {
  it('selects ranges and forgets the selection when the filter changes', () => {
    const { result, rerender } = renderHook(({ scope }) => useSelection(scope), {
      initialProps: { scope: 'tier=1' }
    })
    act(() => result.current.toggle(1))
    act(() => result.current.toggle(4, [2, 3, 4]))
    expect([...result.current.ids].sort()).toEqual([1, 2, 3, 4])
    act(() => result.current.toggle(3, [3]))
    expect([...result.current.ids].sort()).toEqual([1, 2, 4])
    rerender({ scope: 'tier=2' })
    expect(result.current.ids.size).toBe(0)
  })
})
