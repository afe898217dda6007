import { readFile } from 'node:fs/promises'

import type { JUDGE_TEMPLATE_MARKERS } from '../../../src-shared/contract/judge'
import { missingMarkers, stripTemplateComments } from '../../../src-shared/domain/judge-template'
import type { VerdictLabels } from '../../../src-shared/domain/verdict-score'
import { resourcePath } from '../../platform/resources'
import type { PromptTemplatesRepo } from '../../store/prompt-templates-repo'
import type { ContentPart, ImageInput } from '../inference/vlm-client'

/** The judge's prompts, by name; each is `resources/prompts/<name>.md`. */
export type JudgeTemplateName = keyof typeof JUDGE_TEMPLATE_MARKERS

/** Every template asks for one of these letters, first-shown candidate first. */
export const VERDICT_LABELS: VerdictLabels = ['A', 'B']

export type JudgeTemplate = {
  readonly name: JudgeTemplateName
  readonly body: string
  /** `project` when the project keeps its own version. */
  readonly source: 'shipped' | 'project'
}

/**
 * The template in force: the project's own version if it keeps one, else the shipped file
 * (read at run time, so an edited file applies to the next job). Throws, naming the template
 * and the marker, when a required marker is missing.
 */
export async function loadJudgeTemplate(
  name: JudgeTemplateName,
  overrides?: PromptTemplatesRepo
): Promise<JudgeTemplate> {
  const own = overrides?.get(name) ?? null
  const body = own ?? (await readFile(resourcePath(`prompts/${name}.md`), 'utf8'))
  const template: JudgeTemplate = { name, body, source: own === null ? 'shipped' : 'project' }
  checkTemplate(template)
  return template
}

export function checkTemplate(t: { name: JudgeTemplateName; body: string }): void {
  const [marker] = missingMarkers(t.name, t.body)
  if (marker !== undefined)
    throw new Error(`Prompt template ${t.name} lacks the marker {{${marker}}}`)
}

/**
 * The user message of one judgement: text markers replaced by their values, image markers by
 * the images, as ordered parts that index the message's images. Values are inserted verbatim (a value that itself looks like a
 * marker is not expanded again).
 */
export function renderTemplate(
  body: string,
  texts: Readonly<Record<string, string>>,
  images: Readonly<Record<string, readonly ImageInput[]>>
): { images: ImageInput[]; parts: ContentPart[] } {
  const parts: ContentPart[] = []
  const shown: ImageInput[] = []
  let text = ''
  for (const piece of stripTemplateComments(body)
    .trim()
    .split(/(\{\{[a-z_]+\}\})/)) {
    const name = /^\{\{([a-z_]+)\}\}$/.exec(piece)?.[1]
    if (name !== undefined && name in images) {
      if (text.trim()) parts.push({ text: text.trim() })
      text = ''
      for (const image of images[name]!) parts.push({ image: shown.push(image) - 1 })
    } else if (name !== undefined && name in texts) {
      text += texts[name]
    } else {
      text += piece
    }
  }
  if (text.trim()) parts.push({ text: text.trim() })
  return { images: shown, parts }
}
