/**
 * Question templates of composed samples and the ground truth each computes from labels. Pure:
 * no I/O, no randomness (the planner chooses the images and positions, seeded).
 *
 * Indices in questions are 1-based, as the prompt numbers the images ("Image 3").
 */

/** A pool sample as the templates see it: its question, answer and labels. */
export type LabelledSample = {
  readonly id: number
  readonly question: string
  readonly groundTruth: string | null
  readonly labels: Readonly<Record<string, string>>
}

export type TemplateResult = {
  readonly question: string
  readonly groundTruth: string
  /** Numeric tolerance of the ground truth, when it is a computed value. */
  readonly tolerance?: { readonly absolute: number }
}

/** Lower-cases the first letter, so a question reads on after "In Image 2, ". */
export function lowerFirst(text: string): string {
  const t = text.trim()
  if (/^[A-Z][a-z]/.test(t) || /^[A-Z]\s/.test(t)) return t.charAt(0).toLowerCase() + t.slice(1)
  return t
}

/** Tier 1, sequence or grid: the target's own question about one indexed image. */
export function locateQuestion(question: string, index: number): string {
  return `In Image ${index}, ${lowerFirst(question)}`
}

/** Tier 1, picture-in-picture: the target sits in the centre of a background image. */
export function centreQuestion(question: string): string {
  return `For the image in the center, ${lowerFirst(question)}`
}

/** A comparison over two labelled images (tier 2). */
export type ComparisonTemplate = {
  readonly id: string
  /** The `kind` label both operands must carry. */
  readonly kind: string
  /** Labels each operand must carry (besides `kind`). */
  readonly needs: readonly string[]
  /**
   * The question over operands shown as Image `i` and Image `j`, and its ground truth (null when
   * a label does not parse). Answers never name an index, so the same question over the
   * operands alone (Image 1 and Image 2, the guided form) has the same right answer.
   */
  build(
    a: LabelledSample,
    b: LabelledSample,
    i: number,
    j: number,
    choose: () => number
  ): TemplateResult | null
}

const yesNo = (same: boolean): string => (same ? 'yes' : 'no')

export const COMPARISON_TEMPLATES: readonly ComparisonTemplate[] = [
  {
    id: 'same-number',
    kind: 'digits',
    needs: ['number'],
    build: (a, b, i, j) => ({
      question: `Is the number in the white box in Image ${i} the same as in Image ${j}? Answer yes or no.`,
      groundTruth: yesNo(a.labels.number === b.labels.number)
    })
  },
  {
    id: 'same-colour',
    kind: 'colour',
    needs: ['colour'],
    build: (a, b, i, j) => ({
      question: `Is the small dot in Image ${i} the same colour as the small dot in Image ${j}? Answer yes or no.`,
      groundTruth: yesNo(a.labels.colour === b.labels.colour)
    })
  },
  {
    id: 'more-triangles',
    kind: 'count',
    needs: ['triangles'],
    build: (a, b, i, j) => {
      const ca = Number(a.labels.triangles)
      const cb = Number(b.labels.triangles)
      if (!Number.isFinite(ca) || !Number.isFinite(cb)) return null
      return {
        question: `Does Image ${i} have more small black triangles than Image ${j}? Answer yes or no.`,
        groundTruth: yesNo(ca > cb)
      }
    }
  },
  {
    id: 'bar-sum',
    kind: 'chart',
    needs: ['bar_A', 'bar_B', 'bar_C', 'bar_D', 'bar_E'],
    build: (a, b, i, j, choose) => {
      const bar = ['A', 'B', 'C', 'D', 'E'][choose() % 5] as string
      const va = Number(a.labels[`bar_${bar}`])
      const vb = Number(b.labels[`bar_${bar}`])
      if (!Number.isFinite(va) || !Number.isFinite(vb)) return null
      return {
        question: `What is the sum of the values of bar ${bar} in Image ${i} and Image ${j}? Answer with a number.`,
        groundTruth: String(va + vb),
        // Each chart value is read to within 2 (the demo's own tolerance), so the sum to 4.
        tolerance: { absolute: 4 }
      }
    }
  }
]

/** What a global-search question says to look for, per scene kind (tier 3). */
export const SEARCH_DESCRIPTIONS: Readonly<Record<string, string>> = {
  digits: 'a 4-digit number in a small white box',
  word: 'a word printed on a small grey tag',
  count: 'small black triangles among black dots',
  colour: 'a white square with a small coloured dot inside',
  chart: 'a bar chart'
}

/** Tier 3 templates: `find-image` asks which image shows X, `search-question` asks the target's own question over the whole set. */
export const SEARCH_TEMPLATES = ['find-image', 'search-question'] as const
export type SearchTemplate = (typeof SEARCH_TEMPLATES)[number]

/** "Which image shows …? Answer with its number." over a set where only the target is of its kind. */
export function findImageQuestion(kind: string, targetIndex: number): TemplateResult | null {
  const description = SEARCH_DESCRIPTIONS[kind]
  if (!description) return null
  return {
    question: `Which image shows ${description}? Answer with its number.`,
    groundTruth: String(targetIndex)
  }
}

/** The labels a comparison template needs that a sample lacks (empty when it has them all). */
export function missingLabels(sample: LabelledSample, template: ComparisonTemplate): string[] {
  const missing = template.needs.filter((name) => sample.labels[name] === undefined)
  if (sample.labels.kind !== template.kind) missing.unshift(`kind=${template.kind}`)
  return missing
}
