import { describe, expect, it } from 'vitest'

import {
  FIT_VIEW,
  fitScale,
  fittedBox,
  panBy,
  pixelRatio,
  pixelView,
  zoomAt
} from './view-geometry'

const pane = { width: 400, height: 300 }
const image = { width: 1600, height: 800 }

describe('view geometry', () => {
  it('fits the image inside the pane, centred', () => {
    expect(fitScale(pane, image)).toBe(0.25)
    expect(fittedBox(pane, image)).toEqual({ left: 0, top: 50, width: 400, height: 200 })
  })

  it('keeps the point under the cursor fixed while zooming', () => {
    const view = zoomAt(FIT_VIEW, 2, 100, 80)
    // A pane point p maps to content point (p - x) / scale; it must be the same before and after.
    expect((100 - view.x) / view.scale).toBeCloseTo(100)
    expect((80 - view.y) / view.scale).toBeCloseTo(80)
    const again = zoomAt(view, 3, 300, 200)
    expect((300 - again.x) / again.scale).toBeCloseTo((300 - view.x) / view.scale)
  })

  it('never zooms out past fit and resets the pan there', () => {
    const zoomed = panBy(zoomAt(FIT_VIEW, 4, 10, 10), 50, 20)
    expect(zoomAt(zoomed, 0.01, 0, 0)).toEqual(FIT_VIEW)
    expect(panBy(FIT_VIEW, 30, 30)).toEqual(FIT_VIEW)
  })

  it('shows one image pixel per CSS pixel in the 1:1 view', () => {
    const view = pixelView(pane, image, 200, 150)
    expect(pixelRatio(view, pane, image)).toBeCloseTo(1)
    expect((200 - view.x) / view.scale).toBeCloseTo(200)
  })

  it('shows a small image at its own size in the 1:1 view', () => {
    const small = { width: 100, height: 50 }
    const view = pixelView(pane, small, 200, 150)
    expect(pixelRatio(view, pane, small)).toBeCloseTo(1)
    expect(view.scale).toBeLessThan(1)
  })
})
