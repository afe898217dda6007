import { createHash } from 'node:crypto'

/** SHA-256 and byte length of a text as written in UTF-8. */
export function hashText(text: string): { sha256: string; bytes: number } {
  const data = Buffer.from(text, 'utf8')
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length }
}
