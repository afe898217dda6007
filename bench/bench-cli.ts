// What every bench script shares: progress to stderr (stdout's last line is the JSON result),
// numeric flags, and medians over rounds.

export const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** The number after `name` on the command line (`--pairs 1000`), or `fallback`. */
export function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(name)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
