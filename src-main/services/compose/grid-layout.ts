/**
 * Geometry of a grid collage (MIA-DPO: 2 or 3 in a row, 4 as 2×2, 6 as 2×3, 9 as 3×3; 40 px
 * margins and a 36 pt "Image k" label above each 448 px cell). Pure, so the fit check runs
 * before any pixel is decoded.
 */
export type GridGeometry = {
  readonly columns: number
  readonly rows: number
  readonly cell: number
  readonly margin: number
  readonly labelHeight: number
  readonly width: number
  readonly height: number
  /** Top-left corner of each cell's image area, in order. */
  readonly cells: ReadonlyArray<{ readonly left: number; readonly top: number }>
}

/** A side shorter than this, once scaled into its cell, shows nothing a question can ask about. */
export const MIN_SCALED_SIDE = 8

export function gridGeometry(count: number, cell: number): GridGeometry {
  if (!Number.isInteger(count) || count < 2 || count > 9) {
    throw new Error(`a grid holds 2 to 9 images, not ${count}`)
  }
  const columns = count <= 3 ? count : count === 4 ? 2 : 3
  const rows = Math.ceil(count / columns)
  const scale = cell / 448
  const margin = Math.round(40 * scale)
  const labelHeight = Math.round(48 * scale)
  const width = columns * cell + (columns + 1) * margin
  const height = rows * (cell + labelHeight) + (rows + 1) * margin
  const cells = Array.from({ length: count }, (_, i) => ({
    left: margin + (i % columns) * (cell + margin),
    top: margin + Math.floor(i / columns) * (cell + labelHeight + margin) + labelHeight
  }))
  return { columns, rows, cell, margin, labelHeight, width, height, cells }
}

/** The size an image takes in a square cell (aspect kept, never enlarged past the cell). */
export function fitInCell(
  width: number,
  height: number,
  cell: number
): { width: number; height: number } {
  const scale = cell / Math.max(width, height)
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale))
  }
}

/**
 * Why an image cannot be a grid cell (its short side would shrink below MIN_SCALED_SIDE), or
 * null when it fits.
 */
export function gridFitProblem(width: number, height: number, cell: number): string | null {
  const fitted = fitInCell(width, height, cell)
  if (Math.min(fitted.width, fitted.height) >= MIN_SCALED_SIDE) return null
  return (
    `a ${width}×${height} image would be ${fitted.width}×${fitted.height} px in a ${cell} px ` +
    `grid cell (at least ${MIN_SCALED_SIDE} px a side); the grid cannot fit it`
  )
}
