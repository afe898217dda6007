import { hash } from 'node:crypto'

/**
 * A content id for an exported record: the first 16 hex digits of SHA-256 over
 * `JSON.stringify([question, chosen, rejected, imageShas])` (`imageShasJson` is
 * `JSON.stringify(imageShas)`, shared by every record of the same images). It depends on nothing
 * project-local, so the same record keeps its id (and its place in a seeded order) after a round
 * trip through import.
 */
export function contentId(
  question: string,
  chosen: string,
  rejected: string,
  imageShasJson: string
): string {
  const texts = JSON.stringify([question, chosen, rejected])
  return hash('sha256', `${texts.slice(0, -1)},${imageShasJson}]`).slice(0, 16)
}
