/**
 * Geometry of the synchronized image view. Every pane shows its image fitted (contain) and then
 * transformed by one shared view: `translate(x, y) scale(scale)` with origin at the pane's top
 * left. `scale` is relative to the fitted size, so the same view means the same region of the
 * image in every pane of the same size, whatever the images' pixel sizes.
 */

export type View = { readonly scale: number; readonly x: number; readonly y: number }
export type Size = { readonly width: number; readonly height: number }

export const FIT_VIEW: View = { scale: 1, x: 0, y: 0 }
export const MIN_SCALE = 1
export const MAX_SCALE = 64

/** Scale that fits `image` inside `pane` (contain); 1 when either size is unknown. */
export function fitScale(pane: Size, image: Size): number {
  if (pane.width <= 0 || pane.height <= 0 || image.width <= 0 || image.height <= 0) return 1
  return Math.min(pane.width / image.width, pane.height / image.height)
}

/** Where the fitted image sits in the pane before the view transform. */
export function fittedBox(
  pane: Size,
  image: Size
): { left: number; top: number; width: number; height: number } {
  const fit = fitScale(pane, image)
  const width = image.width * fit
  const height = image.height * fit
  return { left: (pane.width - width) / 2, top: (pane.height - height) / 2, width, height }
}

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))

/** Zooms by `factor` keeping the pane point (px, py) fixed; back at fit the pan resets. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const scale = clampScale(view.scale * factor)
  if (scale === MIN_SCALE) return FIT_VIEW
  const k = scale / view.scale
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k }
}

/**
 * The view in which one image pixel covers one CSS pixel, keeping the pane point (px, py) fixed.
 * An image smaller than the pane shrinks to its own size here (the only view below fit).
 */
export function pixelView(pane: Size, image: Size, px: number, py: number): View {
  const scale = Math.min(MAX_SCALE, 1 / fitScale(pane, image))
  return { scale, x: px - px * scale, y: py - py * scale }
}

/** Moves the view by a pointer delta. At fit there is nothing to pan. */
export function panBy(view: View, dx: number, dy: number): View {
  if (view.scale <= MIN_SCALE) return view
  return { scale: view.scale, x: view.x + dx, y: view.y + dy }
}

/** Magnification of image pixels on screen (1 = one image pixel per CSS pixel). */
export function pixelRatio(view: View, pane: Size, image: Size): number {
  return view.scale * fitScale(pane, image)
}
