import { readFile } from 'node:fs/promises'

import sharp from 'sharp'

import { sniffImageType } from '../../../media/sniff-image-type'

/** What llama-server decodes itself (stb_image); anything else (WebP, …) is sent as PNG. */
const SENT_AS_IS = new Set(['image/png', 'image/jpeg'])

/** An image file as a data URI the server can decode. Throws naming the file when unreadable. */
export async function imageDataUri(file: string): Promise<{ dataUri: string }> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
    const type = sniffImageType(bytes.subarray(0, 16))
    if (!SENT_AS_IS.has(type)) bytes = await sharp(bytes).png().toBuffer()
    return {
      dataUri: `data:${SENT_AS_IS.has(type) ? type : 'image/png'};base64,${bytes.toString('base64')}`
    }
  } catch (error) {
    throw new Error(`cannot read image ${file}: ${(error as Error).message}`, { cause: error })
  }
}
