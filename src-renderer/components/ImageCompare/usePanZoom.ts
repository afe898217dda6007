import { useEffect, useEffectEvent, useRef } from 'react'
import type { MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent } from 'react'

import { panBy, zoomAt } from './view-geometry'
import type { View } from './view-geometry'

/**
 * Wheel zoom (around the cursor), drag to pan and double-click to zoom for one pane. The wheel
 * listener is attached natively because React's is passive and could not stop the page scroll.
 */
export function usePanZoom(view: View, onChange: (next: View) => void) {
  const ref = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; y: number } | null>(null)

  const onWheel = useEffectEvent((event: WheelEvent) => {
    const el = ref.current
    if (!el) return
    event.preventDefault()
    const rect = el.getBoundingClientRect()
    const factor = Math.exp(-event.deltaY * 0.002)
    onChange(zoomAt(view, factor, event.clientX - rect.left, event.clientY - rect.top))
  })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const listener = (event: WheelEvent) => onWheel(event)
    el.addEventListener('wheel', listener, { passive: false })
    return () => el.removeEventListener('wheel', listener)
  }, [])

  const handlers = {
    onPointerDown(event: ReactPointerEvent<HTMLDivElement>) {
      if (event.button !== 0) return
      event.currentTarget.setPointerCapture(event.pointerId)
      drag.current = { x: event.clientX, y: event.clientY }
    },
    onPointerMove(event: ReactPointerEvent<HTMLDivElement>) {
      if (!drag.current) return
      const dx = event.clientX - drag.current.x
      const dy = event.clientY - drag.current.y
      drag.current = { x: event.clientX, y: event.clientY }
      onChange(panBy(view, dx, dy))
    },
    onPointerUp() {
      drag.current = null
    },
    onDoubleClick(event: ReactMouseEvent<HTMLDivElement>) {
      const rect = event.currentTarget.getBoundingClientRect()
      onChange(zoomAt(view, 2, event.clientX - rect.left, event.clientY - rect.top))
    }
  }
  return { ref, handlers }
}
