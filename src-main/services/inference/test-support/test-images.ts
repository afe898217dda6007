import sharp from 'sharp'

/**
 * A PNG of `width`×`height` whose pixels depend on `variant`, so tests get distinct images
 * without fixture files.
 */
export async function patternPng(variant: number, width = 64, height = 48): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3)
  for (let i = 0; i < raw.length; i++) raw[i] = (i * (variant + 3) * 37 + variant * 91) & 255
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}

/** Kills nothing, waits for nothing: true when a process with this pid exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
