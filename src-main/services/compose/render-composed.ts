import sharp from 'sharp'

import { fitInCell, gridFitProblem, gridGeometry } from './grid-layout'

/** A source image: its encoded bytes and stored size. */
export type SourceImage = {
  readonly bytes: Buffer
  readonly width: number
  readonly height: number
}

/** An image that cannot take part in a layout; the item is skipped with this message. */
export class LayoutFitError extends Error {
  override name = 'LayoutFitError'
}

const WHITE = { r: 255, g: 255, b: 255 }
/** Fixed encoder settings: the same inputs give the same bytes. */
const PNG = { compressionLevel: 6, adaptiveFiltering: false } as const

function labelsSvg(
  width: number,
  height: number,
  geometry: ReturnType<typeof gridGeometry>
): Buffer {
  const size = Math.round(geometry.labelHeight * 0.7)
  const texts = geometry.cells.map(
    (cell, i) =>
      `<text x="${cell.left}" y="${cell.top - Math.round(geometry.labelHeight * 0.25)}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${size}" font-weight="bold" fill="#111">Image ${i + 1}</text>`
  )
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${texts.join('')}</svg>`
  )
}

/**
 * A grid collage (MIA-DPO): each image scaled into a square cell (aspect kept, centred on white),
 * margins between cells and an "Image k" label above each. PNG, byte-identical for equal inputs.
 * @throws LayoutFitError naming the image when one cannot fit a cell.
 */
export async function renderGrid(images: readonly SourceImage[], cell: number): Promise<Buffer> {
  images.forEach((image, i) => {
    const problem = gridFitProblem(image.width, image.height, cell)
    if (problem) throw new LayoutFitError(`Image ${i + 1}: ${problem}`)
  })
  const geometry = gridGeometry(images.length, cell)
  // Cells stay raw pixels until the one PNG encode of the canvas.
  const cells = await Promise.all(
    images.map(async (image, i) => {
      const fitted = fitInCell(image.width, image.height, cell)
      const { data, info } = await sharp(image.bytes)
        .flatten({ background: WHITE })
        .resize(fitted.width, fitted.height, { fit: 'fill' })
        .raw()
        .toBuffer({ resolveWithObject: true })
      const at = geometry.cells[i]!
      return {
        input: data,
        raw: { width: info.width, height: info.height, channels: info.channels },
        left: at.left + Math.floor((cell - fitted.width) / 2),
        // Top-aligned under its label (as MIA-DPO pastes), centred across.
        top: at.top
      }
    })
  )
  return sharp({
    create: { width: geometry.width, height: geometry.height, channels: 3, background: WHITE }
  })
    .composite([
      ...cells,
      { input: labelsSvg(geometry.width, geometry.height, geometry), left: 0, top: 0 }
    ])
    .png(PNG)
    .toBuffer()
}

/** Share of the background's size the target takes (MIA-DPO: 70 %). */
export const PIP_SCALE = 0.7

/**
 * Picture-in-picture (MIA-DPO): the target scaled to 70 % of the background (aspect kept) and
 * pasted in its centre. PNG, byte-identical for equal inputs.
 * @throws LayoutFitError when the target would shrink below a readable size.
 */
export async function renderPip(background: SourceImage, target: SourceImage): Promise<Buffer> {
  const box = {
    width: Math.floor(background.width * PIP_SCALE),
    height: Math.floor(background.height * PIP_SCALE)
  }
  const scale = Math.min(box.width / target.width, box.height / target.height)
  const width = Math.round(target.width * scale)
  const height = Math.round(target.height * scale)
  if (Math.min(width, height) < 8) {
    throw new LayoutFitError(
      `the ${target.width}×${target.height} target would be ${width}×${height} px inside a ` +
        `${background.width}×${background.height} background; picture-in-picture cannot fit it`
    )
  }
  const inner = await sharp(target.bytes)
    .flatten({ background: WHITE })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return sharp(background.bytes)
    .flatten({ background: WHITE })
    .composite([
      {
        input: inner.data,
        raw: { width: inner.info.width, height: inner.info.height, channels: inner.info.channels },
        left: Math.floor((background.width - width) / 2),
        top: Math.floor((background.height - height) / 2)
      }
    ])
    .png(PNG)
    .toBuffer()
}
