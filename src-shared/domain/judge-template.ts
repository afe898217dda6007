import { JUDGE_TEMPLATE_MARKERS } from '../contract/judge'

type TemplateName = keyof typeof JUDGE_TEMPLATE_MARKERS

/** A template without its HTML comments, which are notes for the editor, never sent. */
export const stripTemplateComments = (body: string): string =>
  body.replace(/<!--[\s\S]*?-->\n?/g, '')

/** Every marker `name` requires, in order. */
export const requiredMarkers = (name: TemplateName): string[] => [
  ...JUDGE_TEMPLATE_MARKERS[name].text,
  ...JUDGE_TEMPLATE_MARKERS[name].images
]

/**
 * The required markers `body` lacks outside comments (a marker mentioned only in a comment
 * counts as missing, since comments are dropped before the prompt is sent).
 */
export function missingMarkers(name: TemplateName, body: string): string[] {
  const sent = stripTemplateComments(body)
  return requiredMarkers(name).filter((m) => !sent.includes(`{{${m}}}`))
}
