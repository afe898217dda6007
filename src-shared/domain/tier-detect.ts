/**
 * Automatic hardness tier of a sample from its image count and the image indices its question
 * names (S2H, DESIGN §1.3): 1 single image, or several with exactly one named; 2 two or more
 * named images to compare; 3 several images and none named (global search).
 */

export type Tier = 1 | 2 | 3

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
  '6th': 6,
  '7th': 7,
  '8th': 8,
  '9th': 9,
  '10th': 10
}

const NOUN = '(?:image|picture|photo|img|frame|panel|figure)'
/** "image 2", "Image #3", "<image2>", "img2", "images 1 and 3", "pictures 1, 2 and 4". */
const NUMBERED = new RegExp(
  `\\b${NOUN}s?\\s*#?\\s*(\\d+(?:\\s*(?:,|and|&|or|vs\\.?|versus)\\s*#?\\d+)*)`,
  'gi'
)
/** "the second image", "1st and 3rd pictures". */
const ORDINAL = new RegExp(
  `\\b((?:${Object.keys(ORDINALS).join('|')})(?:\\s*(?:,|and|&|or)\\s*(?:${Object.keys(ORDINALS).join('|')}))*)\\s+${NOUN}s?\\b`,
  'gi'
)

/**
 * 1-based image indices the question names, sorted, without duplicates; indices beyond
 * `imageCount` are ignored (they name no image of this sample).
 */
export function referencedImages(question: string, imageCount: number): number[] {
  const found = new Set<number>()
  for (const match of question.matchAll(NUMBERED)) {
    for (const n of match[1]!.match(/\d+/g) ?? []) found.add(Number(n))
  }
  for (const match of question.matchAll(ORDINAL)) {
    for (const word of match[1]!.toLowerCase().split(/[^a-z0-9]+/)) {
      const n = ORDINALS[word]
      if (n) found.add(n)
    }
  }
  return [...found].filter((n) => n >= 1 && n <= imageCount).sort((a, b) => a - b)
}

/** The tier and the indices that decided it. `imageCount` below 1 is treated as 1. */
export function detectTier(
  question: string,
  imageCount: number
): { tier: Tier; referenced: number[] } {
  if (imageCount <= 1) return { tier: 1, referenced: imageCount === 1 ? [1] : [] }
  const referenced = referencedImages(question, imageCount)
  if (referenced.length === 1) return { tier: 1, referenced }
  if (referenced.length >= 2) return { tier: 2, referenced }
  return { tier: 3, referenced }
}
