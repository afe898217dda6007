import { useCallback, useMemo, useRef, useState } from 'react'

import { FIT_VIEW, pixelView, zoomAt } from './view-geometry'
import type { Size, View } from './view-geometry'

export type CompareMode = 'side' | 'split'

export type SyncedView = {
  readonly view: View
  readonly mode: CompareMode
  /** Split position in percent of the pane width (HQ left of it, LQ right). */
  readonly split: number
  setView(next: View): void
  setMode(mode: CompareMode): void
  setSplit(percent: number): void
  /** Panes report their size and image size so keyboard zoom and 1:1 know the geometry. */
  measure(pane: Size, image: Size): void
  zoomIn(): void
  zoomOut(): void
  fit(): void
  pixel(): void
  toggleMode(): void
}

const STEP = 1.5

/** One zoom/pan state shared by every image pane of the review page, plus the compare mode. */
export function useSyncedView(): SyncedView {
  const [view, setView] = useState<View>(FIT_VIEW)
  const [mode, setMode] = useState<CompareMode>('side')
  const [split, setSplit] = useState(50)
  const geometry = useRef<{ pane: Size; image: Size }>({
    pane: { width: 0, height: 0 },
    image: { width: 0, height: 0 }
  })

  const measure = useCallback((pane: Size, image: Size) => {
    geometry.current = { pane, image }
  }, [])
  const zoomBy = useCallback((factor: number) => {
    const { pane } = geometry.current
    setView((v) => zoomAt(v, factor, pane.width / 2, pane.height / 2))
  }, [])
  const pixel = useCallback(() => {
    const { pane, image } = geometry.current
    setView(pixelView(pane, image, pane.width / 2, pane.height / 2))
  }, [])

  return useMemo(
    () => ({
      view,
      mode,
      split,
      setView,
      setMode,
      setSplit,
      measure,
      zoomIn: () => zoomBy(STEP),
      zoomOut: () => zoomBy(1 / STEP),
      fit: () => setView(FIT_VIEW),
      pixel,
      toggleMode: () => setMode((m) => (m === 'side' ? 'split' : 'side'))
    }),
    [view, mode, split, measure, zoomBy, pixel]
  )
}
