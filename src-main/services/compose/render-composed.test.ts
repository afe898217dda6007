import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { gridFitProblem, gridGeometry } from './grid-layout'
import { LayoutFitError, renderGrid, renderPip } from './render-composed'

async function solid(
  width: number,
  height: number,
  r: number
): Promise<{ bytes: Buffer; width: number; height: number }> {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: { r, g: 40, b: 90 } }
  })
    .png()
    .toBuffer()
  return { bytes, width, height }
}

describe('grid geometry', () => {
  it('lays out 2–3 in a row, 4 as 2×2, 6 as 3×2 and 9 as 3×3', () => {
    expect(
      [2, 3, 4, 6, 9].map((n) => [gridGeometry(n, 448).columns, gridGeometry(n, 448).rows])
    ).toEqual([
      [2, 1],
      [3, 1],
      [2, 2],
      [3, 2],
      [3, 3]
    ])
    expect(gridGeometry(2, 448)).toMatchObject({ margin: 40, width: 2 * 448 + 3 * 40 })
    expect(() => gridGeometry(10, 448)).toThrow(/2 to 9 images, not 10/)
  })

  it('refuses an image whose short side would vanish in a cell', () => {
    expect(gridFitProblem(512, 384, 448)).toBeNull()
    expect(gridFitProblem(4000, 10, 448)).toMatch(/4000×10 image would be 448×1 px .*cannot fit/)
  })
})

describe('renderGrid and renderPip', () => {
  it('render byte-identical PNGs for equal inputs, with every cell in place', async () => {
    const images = await Promise.all([solid(64, 48, 200), solid(30, 60, 20), solid(50, 50, 120)])
    const a = await renderGrid(images, 96)
    expect((await renderGrid(images, 96)).equals(a)).toBe(true)
    const geometry = gridGeometry(3, 96)
    const { data, info } = await sharp(a).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([geometry.width, geometry.height])
    // The centre of cell 2 has image 2's colour (r = 20), the margin is white.
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]
    const cell = geometry.cells[1]!
    expect(at(cell.left + 48, cell.top + 48)).toBe(20)
    expect(at(1, 1)).toBe(255)
  })

  it('names the image the grid cannot fit', async () => {
    const images = [await solid(64, 48, 1), await solid(2000, 4, 1)]
    await expect(renderGrid(images, 96)).rejects.toThrow(LayoutFitError)
    await expect(renderGrid(images, 96)).rejects.toThrow(/^Image 2: a 2000×4 image/)
  })

  it('puts the target at 70 % in the centre of the background', async () => {
    const out = await renderPip(await solid(100, 80, 250), await solid(40, 40, 10))
    const again = await renderPip(await solid(100, 80, 250), await solid(40, 40, 10))
    expect(again.equals(out)).toBe(true)
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([100, 80])
    expect(data[(40 * 100 + 50) * info.channels]).toBe(10)
    expect(data[(2 * 100 + 2) * info.channels]).toBe(250)
  })
})
