/** Content type from a file's first bytes; stored media carry no extension. */
export function sniffImageType(head: Uint8Array): string {
  const ascii = (from: number, to: number): string =>
    String.fromCharCode(...head.subarray(from, to))
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  if (ascii(0, 4) === 'GIF8') return 'image/gif'
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'image/avif'
  if (ascii(0, 2) === 'II' || ascii(0, 2) === 'MM') return 'image/tiff'
  return 'application/octet-stream'
}
