import sharp from 'sharp'

import type { ProjectHandle } from '../../project/project-folder'
import { addImage, addPair, makePng } from './seed-project'

/** The questions `seedHostileProject` stores, by what makes each hostile. */
export const HOSTILE = {
  tokenInQuestion: 'What is shown in <image> here?',
  tokensInAnswer: 'Describe it.',
  multiImage: 'Compare <image> and <\u2060image>.',
  controls: 'Null\u0000 and bell\u0007 here',
  loneSurrogate: 'Lone \ud800 surrogate',
  sameAnswers: 'Same answers?',
  emptyAnswer: 'Anything to say?',
  avif: 'Is this an AVIF image?',
  leadingNewline: '\n<audio> starts this one'
} as const

/**
 * A project holding the rows that broke training runs: literal `<image>`, `<video>` and
 * `<audio>` in questions and answers (one already looking neutralised), a two-image pair with
 * tokens, NUL and control characters, a lone surrogate (the store keeps U+FFFD), chosen equal
 * to rejected but for spaces, a rejected answer of only spaces, an AVIF image, and a question starting with a newline. All
 * accepted; two single-image pairs share an image.
 */
export async function seedHostileProject(project: ProjectHandle): Promise<void> {
  const one = await addImage(project, await makePng(1))
  const two = await addImage(project, await makePng(2))
  const avifBytes = await sharp(await makePng(3, 32))
    .avif()
    .toBuffer()
  const avif = await addImage(project, avifBytes)
  const add = (question: string, chosen: string, rejected: string, imageIds: number[]): void =>
    void addPair(project, { question, chosen, rejected, imageIds })
  add(HOSTILE.tokenInQuestion, 'A cat.', 'A dog.', [one.id])
  add(HOSTILE.tokensInAnswer, 'An <image> of <video> and <audio>.', 'Nothing.', [two.id])
  add(HOSTILE.multiImage, 'Same.', 'Different.', [one.id, two.id])
  add(HOSTILE.controls, 'tab\tok', 'nul\u0000', [two.id])
  add(HOSTILE.loneSurrogate, 'x \udc00', 'y', [one.id])
  add(HOSTILE.sameAnswers, 'Same.', ' Same. ', [one.id])
  add(HOSTILE.emptyAnswer, 'Yes.', ' \n ', [two.id])
  add(HOSTILE.avif, 'Yes.', 'No.', [avif.id])
  add(HOSTILE.leadingNewline, 'It does.', 'It does not.', [two.id])
}
