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
    parts.push({ text: `Image${image + 1}:` }, { image })
  }
  parts.push({ text: question })
  return parts
}
