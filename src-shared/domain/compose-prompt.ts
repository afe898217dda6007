/**
 * The message parts of a composed sample's requests (MIA-DPO's prompt layout): a sequence puts
 * `Image1:` before each image part and the question after the last; a grid or picture-in-picture
 * is one image (its cells are labelled inside it) followed by the question.
 */
export type PromptPart = { readonly text: string } | { readonly image: number }

/** Parts for `imageCount` images shown as a sequence (labelled) or as one image. */
export function promptParts(question: string, imageCount: number, labelled: boolean): PromptPart[] {
  if (imageCount <= 1 || !labelled) {
    return [...Array.from({ length: imageCount }, (_, image) => ({ image })), { text: question }]
  }
  const parts: PromptPart[] = []
  for (let image = 0; image < imageCount; image++) {
    parts.push({ text: imageLabel(image + 1) }, { image })
  }
  parts.push({ text: question })
  return parts
}

/** The label a sequence puts before its `k`-th image (1-based). */
export function imageLabel(k: number): string {
  return `Image${k}:`
}

/**
 * The text parts of a message written by `promptParts`, read back as its question: each text
 * part that is exactly the label of the image right after it goes, the other texts are joined
 * by newlines. So an export that labels its images imports as the question it was composed from.
 */
export function questionOfParts(parts: ReadonlyArray<PromptPart>): string {
  const texts: string[] = []
  let images = 0
  parts.forEach((part, i) => {
    if ('image' in part) {
      images++
      return
    }
    const next = parts[i + 1]
    if (next && 'image' in next && part.text.trim() === imageLabel(images + 1)) return
    texts.push(part.text)
  })
  return texts.join('\n')
}

/**
 * A one-string prompt (LLaMA-Factory's human turn) of a labelled sequence:
 * `Image1: <image>\nImage2: <image>\n…question`, the placeholders as `token`.
 */
export function labelledPromptText(question: string, imageCount: number, token: string): string {
  let text = ''
  for (let k = 1; k <= imageCount; k++) text += `${imageLabel(k)} ${token}\n`
  return text + question
}

/**
 * `labelledPromptText` read back: the question without its leading run of labelled
 * placeholders, or null when the text does not start with a labelled sequence of two or more.
 */
export function questionOfLabelledText(text: string, token: string): string | null {
  let rest = text
  let k = 1
  while (rest.startsWith(`${imageLabel(k)} ${token}\n`)) {
    rest = rest.slice(`${imageLabel(k)} ${token}\n`.length)
    k++
  }
  return k > 2 ? rest : null
}
