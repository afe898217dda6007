/** Prints one JSON object as a single stdout line (machine-readable mode). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

/** Human progress and diagnostics go to stderr so stdout stays parseable. */
export function info(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Turns a thrown error into a clear message and exit code 1. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`delta-studio: ${message}\n`)
  process.exit(1)
}
