/** The image token LLaMA-Factory expects in sharegpt text, one per image. */
export const IMAGE_TOKEN = '<image>'

/** Number of `<image>` tokens in a text. */
export function countImageTokens(text: string): number {
  let count = 0
  let at = text.indexOf(IMAGE_TOKEN)
  while (at !== -1) {
    count++
    at = text.indexOf(IMAGE_TOKEN, at + IMAGE_TOKEN.length)
  }
  return count
}

/** A TRL conversational message: content is a string or a list of typed parts. */
export type ChatMessage = {
  readonly role: string
  readonly content: string | ReadonlyArray<{ readonly type: string; readonly text?: string | null }>
}

/** Number of `{"type":"image"}` parts across messages (TRL's placeholder rule counts these). */
export function countImageParts(messages: readonly ChatMessage[]): number {
  let count = 0
  for (const message of messages) {
    if (typeof message.content === 'string') continue
    for (const part of message.content) if (part.type === 'image') count++
  }
  return count
}

/**
 * Problems with a conversation's roles, or an empty list when valid: the roles must alternate
 * between `user` and `assistant` (an optional leading `system` is allowed), and `first` must be
 * the role of the first non-system turn.
 */
export function roleProblems(
  roles: readonly string[],
  first: 'user' | 'assistant',
  names: { user: string; assistant: string; system?: string } = {
    user: 'user',
    assistant: 'assistant',
    system: 'system'
  }
): string[] {
  const turns = roles[0] === names.system ? roles.slice(1) : roles
  if (turns.length === 0) return ['no turns']
  const problems: string[] = []
  let expected = first === 'user' ? names.user : names.assistant
  turns.forEach((role, i) => {
    if (role !== expected) problems.push(`turn ${i + 1} is "${role}", expected "${expected}"`)
    expected = expected === names.user ? names.assistant : names.user
  })
  return problems
}
