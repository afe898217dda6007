import type { z } from 'zod'

/** A contract method: what it accepts and what it returns. */
export type MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  readonly input: I
  readonly output: O
  /** One line for docs and `--help`; what the method guarantees. */
  readonly summary: string
}

export function method<I extends z.ZodType, O extends z.ZodType>(
  def: MethodDef<I, O>
): MethodDef<I, O> {
  return def
}
