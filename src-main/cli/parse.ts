import { InvalidArgumentError } from 'commander'

export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a port (0–65535)`)
  }
  return port
}

export function parsePositiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive integer`)
  return n
}

/** Commander collector for repeatable options (`--recipe a --recipe b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
