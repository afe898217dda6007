/**
 * What an export does to the texts it writes, the same in every format (the row builders call
 * `exportText`), and how an import of one of its exports undoes it (`restoreMediaTokens`).
 *
 * Literal media tokens (`<image>`, `<video>`, `<audio>`) in a question or answer are
 * neutralised: a WORD JOINER (U+2060, invisible, no line break) goes after the `<`. Every stack
 * counts these tokens as media slots (LLaMA-Factory's plugin in every message, LLaVA-style
 * processors in the rendered prompt), so one literal token in a text would abort a training
 * run or shift an image into the wrong slot; dropping the record would lose data instead.
 * Neutralising is a bijection (`<⁠⁠image>` gains one more joiner, and loses it back), so a round
 * trip through import gives every text back byte for byte.
 *
 * Lone surrogates cannot be written as UTF-8: they become U+FFFD, as `TextEncoder` would make
 * them in Parquet anyway and as Python's encoders refuse to in JSON Lines. NUL and other control
 * characters are kept (JSON escapes them; Parquet strings hold them); the manifest counts them.
 */

export const MEDIA_TOKEN_POLICY =
  'literal <image>, <video> and <audio> in any text get a WORD JOINER (U+2060) after the "<", so no training stack counts them as media slots; importing the export removes it again'

const WORD_JOINER = '\u2060'
const MEDIA_TOKEN = /<(\u2060*)(image|video|audio)>/g
const NEUTRALISED_TOKEN = /<\u2060(\u2060*)(image|video|audio)>/g
/** C0 controls but TAB, LF and CR; DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

/** ES2024 string methods (Node 20 has them; the project's TypeScript lib predates them). */
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string }
const wellFormed = (text: string): WellFormed => text as unknown as WellFormed

/** `text` with every literal media token neutralised (see the module comment). */
export function neutraliseMediaTokens(text: string): string {
  return text.includes('<') ? text.replace(MEDIA_TOKEN, `<${WORD_JOINER}$1$2>`) : text
}

/** The inverse of `neutraliseMediaTokens`. */
export function restoreMediaTokens(text: string): string {
  return text.includes(WORD_JOINER) ? text.replace(NEUTRALISED_TOKEN, '<$1$2>') : text
}

/** A text as every export format writes it. */
export function exportText(text: string): string {
  const checked = wellFormed(text)
  return neutraliseMediaTokens(checked.isWellFormed() ? text : checked.toWellFormed())
}

/** What the policy finds in one text; the manifest counts records per finding. */
export type TextFindings = {
  readonly mediaTokens: boolean
  readonly loneSurrogates: boolean
  readonly controls: boolean
  readonly replacementChars: boolean
}

export function textFindings(text: string): TextFindings {
  return {
    mediaTokens: text.includes('<') && /<\u2060*(image|video|audio)>/.test(text),
    loneSurrogates: !wellFormed(text).isWellFormed(),
    controls: CONTROL.test(text),
    replacementChars: text.includes('\ufffd')
  }
}
