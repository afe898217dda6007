/**
 * The tiny test VLM's vocabulary. Besides the three control tokens and the 256 byte tokens the
 * tokenizer needs to read any prompt (byte fallback), it has plain word and digit tokens; only
 * those (and end-of-sequence) can win the output head (see `outputHead` in tiny-vlm.ts), so its
 * answers are readable, if meaningless, words and numbers instead of raw bytes.
 */

const CONTROL = ['<unk>', '<s>', '</s>']
export const EOS_TOKEN_ID = 2

const BYTES = Array.from(
  { length: 256 },
  (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`
)

const WORDS = `
  the a an is are of in on at and with near left right top bottom middle small large red
  green blue yellow black white gray orange purple circle square triangle line dot mark
  shape word number digit chart bar value label text sign image picture photo scene there
  it this that one two three four five six seven eight nine ten many few no yes maybe shows
  looks seems has have blurry sharp clear bright dark light corner edge center above below
  next to about roughly exactly probably cat dog tree house car road sky cloud window door
  table page
`
  .trim()
  .split(/\s+/)
const DIGITS = Array.from({ length: 10 }, (_, d) => String(d))
const NUMBERS = ['12', '17', '23', '42', '64', '100', '250']
const PUNCTUATION = ['.', ',']

/** SentencePiece marks a word that follows a space with U+2581; llama.cpp prints it as a space. */
const SPACE = '\u2581'

export const READABLE_PIECES: readonly string[] = [
  ...[...WORDS, ...DIGITS, ...NUMBERS].map((word) => SPACE + word),
  ...PUNCTUATION
]

export const TINY_VOCAB: readonly string[] = [...CONTROL, ...BYTES, ...READABLE_PIECES]

/** First id of the readable pieces (after control and byte tokens). */
export const FIRST_READABLE_ID = CONTROL.length + BYTES.length

/** llama.cpp token types: 2 unknown, 3 control, 6 byte, 1 normal. */
export const TINY_TOKEN_TYPES: readonly number[] = [
  2,
  3,
  3,
  ...Array<number>(BYTES.length).fill(6),
  ...Array<number>(READABLE_PIECES.length).fill(1)
]
