/**
 * Scenes of the demo dataset: SVG images whose questions hinge on fine detail (small digits and
 * words, counting small shapes, the colour of a small mark, a value on a small chart) with their
 * ground truth. Deterministic from the seed: same seed, same SVGs, same questions and answers.
 */
import { mulberry32 } from '../../../src-shared/domain/seeded-random'

export const DEMO_WIDTH = 512
export const DEMO_HEIGHT = 384

export const SCENE_KINDS = ['digits', 'word', 'count', 'colour', 'chart'] as const
export type SceneKind = (typeof SCENE_KINDS)[number]

export type DemoScene = {
  readonly id: string
  readonly kind: SceneKind
  readonly svg: string
  readonly question: string
  readonly answer: string
  readonly metadata: Record<string, unknown>
  /**
   * What the image shows, by name (`kind`, `number`, `word`, `triangles`, `colour`, `bar_A`…),
   * stored as sample labels so composed questions can compute their ground truth.
   */
  readonly labels: Readonly<Record<string, string>>
}

const WORDS = [
  'maple',
  'copper',
  'harbor',
  'violet',
  'lantern',
  'falcon',
  'pepper',
  'canyon',
  'marble',
  'orchid',
  'timber',
  'saddle',
  'glacier',
  'walnut',
  'meadow',
  'cobalt'
]

const COLOURS: ReadonlyArray<readonly [string, string]> = [
  ['red', '#d62828'],
  ['green', '#2a9d3f'],
  ['blue', '#1d4ed8'],
  ['yellow', '#f2c200'],
  ['purple', '#7b2cbf'],
  ['orange', '#f77f00']
]

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; enough for layout choices. */
const prng = mulberry32

type Rand = {
  next: () => number
  int: (min: number, max: number) => number
  pick: <T>(items: readonly T[]) => T
}

function rand(seed: number): Rand {
  const next = prng(seed)
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!
  }
}

const FONT = 'font-family="DejaVu Sans, Liberation Sans, sans-serif"'

/** A light, busy background: gradient plus faint large shapes, so detail is not trivially isolated. */
function background(r: Rand): string {
  const hue = r.int(0, 359)
  const shapes = Array.from({ length: 10 }, () => {
    const x = r.int(0, DEMO_WIDTH)
    const y = r.int(0, DEMO_HEIGHT)
    const size = r.int(30, 110)
    return `<circle cx="${x}" cy="${y}" r="${size}" fill="hsl(${r.int(0, 359)},40%,80%)" opacity="0.35"/>`
  })
  return [
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="hsl(${hue},35%,92%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},35%,84%)"/>`,
    `</linearGradient></defs><rect width="${DEMO_WIDTH}" height="${DEMO_HEIGHT}" fill="url(#bg)"/>`,
    ...shapes
  ].join('')
}

function svg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${DEMO_WIDTH}" height="${DEMO_HEIGHT}" viewBox="0 0 ${DEMO_WIDTH} ${DEMO_HEIGHT}">${body}</svg>`
}

function digitsScene(r: Rand): Omit<DemoScene, 'id'> {
  const code = String(r.int(1000, 9999))
  const x = r.int(20, DEMO_WIDTH - 90)
  const y = r.int(40, DEMO_HEIGHT - 30)
  const decoy = String(r.int(10, 99))
  const body = [
    background(r),
    `<text x="${r.int(20, 200)}" y="${r.int(60, 120)}" ${FONT} font-size="44" fill="#55555588">${decoy}</text>`,
    `<rect x="${x}" y="${y - 13}" width="52" height="18" fill="#ffffff" stroke="#333" stroke-width="1"/>`,
    `<text x="${x + 5}" y="${y}" ${FONT} font-size="11" fill="#111">${code}</text>`
  ].join('')
  return {
    kind: 'digits',
    svg: svg(body),
    question: 'What is the 4-digit number printed in the small white box?',
    answer: code,
    metadata: { font_px: 11 },
    labels: { number: code, digit_count: String(code.length) }
  }
}

function wordScene(r: Rand): Omit<DemoScene, 'id'> {
  const word = r.pick(WORDS)
  const x = r.int(20, DEMO_WIDTH - 90)
  const y = r.int(30, DEMO_HEIGHT - 30)
  const body = [
    background(r),
    `<text x="${r.int(10, 150)}" y="${r.int(250, 360)}" ${FONT} font-size="36" fill="#44444466">${r.pick(WORDS)}</text>`,
    `<rect x="${x}" y="${y - 12}" width="64" height="16" rx="3" fill="#d9d9d9" stroke="#666" stroke-width="0.8"/>`,
    `<text x="${x + 4}" y="${y}" ${FONT} font-size="10" fill="#111">${word}</text>`
  ].join('')
  return {
    kind: 'word',
    svg: svg(body),
    question: 'Which word is printed in small letters on the grey tag?',
    answer: word,
    metadata: { font_px: 10 },
    labels: { word }
  }
}

function countScene(r: Rand): Omit<DemoScene, 'id'> {
  const count = r.int(3, 9)
  const marks: string[] = []
  const place = () => [r.int(20, DEMO_WIDTH - 20), r.int(20, DEMO_HEIGHT - 20)] as const
  for (let i = 0; i < count; i++) {
    const [x, y] = place()
    marks.push(`<polygon points="${x},${y - 5} ${x - 5},${y + 4} ${x + 5},${y + 4}" fill="#222"/>`)
  }
  for (let i = 0, n = r.int(8, 14); i < n; i++) {
    const [x, y] = place()
    marks.push(`<circle cx="${x}" cy="${y}" r="4" fill="#222"/>`)
  }
  return {
    kind: 'count',
    svg: svg(background(r) + marks.join('')),
    question: 'How many small black triangles are in the image?',
    answer: String(count),
    metadata: { shape_px: 10 },
    labels: { triangles: String(count) }
  }
}

function colourScene(r: Rand, index: number): Omit<DemoScene, 'id'> {
  const [name, hex] = r.pick(COLOURS)
  const x = r.int(40, DEMO_WIDTH - 120)
  const y = r.int(40, DEMO_HEIGHT - 120)
  const decoys = Array.from({ length: 6 }, () => {
    const [, decoyHex] = r.pick(COLOURS)
    return `<circle cx="${r.int(10, DEMO_WIDTH - 10)}" cy="${r.int(10, DEMO_HEIGHT - 10)}" r="3" fill="${decoyHex}"/>`
  })
  const body = [
    background(r),
    ...decoys,
    `<rect x="${x}" y="${y}" width="70" height="70" fill="#fff" stroke="#222" stroke-width="1.5"/>`,
    `<circle cx="${x + r.int(15, 55)}" cy="${y + r.int(15, 55)}" r="4" fill="${hex}"/>`
  ].join('')
  // Every other colour scene is multiple choice, so option-letter grading is exercised too.
  if (index % 2 === 1) {
    const options = [name, ...COLOURS.map(([n]) => n).filter((n) => n !== name)].slice(0, 4)
    const shuffled = options
      .map((option) => ({ option, key: r.next() }))
      .sort((a, b) => a.key - b.key)
      .map((o) => o.option)
    const letters = ['A', 'B', 'C', 'D']
    const letter = letters[shuffled.indexOf(name)]!
    const listed = shuffled.map((option, i) => `(${letters[i]}) ${option}`).join(' ')
    return {
      kind: 'colour',
      svg: svg(body),
      question: `What colour is the small dot inside the white square? Options: ${listed}. Answer with the letter.`,
      answer: letter,
      metadata: { dot_px: 8, colour: name, multiple_choice: true },
      labels: { colour: name }
    }
  }
  return {
    kind: 'colour',
    svg: svg(body),
    question: 'What colour is the small dot inside the white square? Answer with one word.',
    answer: name,
    metadata: { dot_px: 8, colour: name },
    labels: { colour: name }
  }
}

function chartScene(r: Rand): Omit<DemoScene, 'id'> {
  const labels = ['A', 'B', 'C', 'D', 'E']
  const values = labels.map(() => r.int(5, 95))
  const target = r.int(0, labels.length - 1)
  const left = 60
  const bottom = 330
  const height = 260
  const bars = values.map((value, i) => {
    const x = left + 20 + i * 80
    const h = (value / 100) * height
    return [
      `<rect x="${x}" y="${bottom - h}" width="40" height="${h}" fill="hsl(${200 + i * 25},55%,55%)"/>`,
      `<text x="${x + 14}" y="${bottom - h - 3}" ${FONT} font-size="9" fill="#111">${value}</text>`,
      `<text x="${x + 15}" y="${bottom + 14}" ${FONT} font-size="11" fill="#111">${labels[i]}</text>`
    ].join('')
  })
  const ticks = Array.from({ length: 11 }, (_, i) => {
    const y = bottom - (i / 10) * height
    return `<line x1="${left - 4}" y1="${y}" x2="${left + 420}" y2="${y}" stroke="#ccc" stroke-width="0.5"/><text x="${left - 24}" y="${y + 3}" ${FONT} font-size="8" fill="#333">${i * 10}</text>`
  })
  const body = [
    `<rect width="${DEMO_WIDTH}" height="${DEMO_HEIGHT}" fill="#fbfbf8"/>`,
    ...ticks,
    `<line x1="${left}" y1="${bottom}" x2="${left + 420}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${bottom}" x2="${left}" y2="${bottom - height - 5}" stroke="#333"/>`,
    ...bars
  ].join('')
  return {
    kind: 'chart',
    svg: svg(body),
    question: `What is the value of bar ${labels[target]} in the chart? Answer with a number.`,
    answer: String(values[target]),
    metadata: { label_px: 9, tolerance: { absolute: 2 } },
    labels: Object.fromEntries(labels.map((label, i) => [`bar_${label}`, String(values[i])]))
  }
}

/**
 * `count` scenes (kinds in rotation: digits, word, count, colour, chart) from `seed`.
 * Same seed and count, same scenes, byte for byte.
 */
export function demoScenes(seed: number, count: number): DemoScene[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = SCENE_KINDS[i % SCENE_KINDS.length]!
    const r = rand((seed * 7919 + i * 104729) >>> 0)
    const ordinal = Math.floor(i / SCENE_KINDS.length)
    const scene =
      kind === 'digits'
        ? digitsScene(r)
        : kind === 'word'
          ? wordScene(r)
          : kind === 'count'
            ? countScene(r)
            : kind === 'colour'
              ? colourScene(r, ordinal)
              : chartScene(r)
    return {
      id: `demo-${String(i + 1).padStart(3, '0')}-${kind}`,
      ...scene,
      labels: { kind, ...scene.labels }
    }
  })
}
