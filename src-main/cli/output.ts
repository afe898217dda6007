/** Prints one JSON object as a single stdout line (machine-readable mode). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

/** Human progress and diagnostics go to stderr so stdout stays parseable. */
export function info(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Set by the global `--debug` option: failures then show their stack traces too. */
export function debugEnabled(): boolean {
  return process.env.DELTA_STUDIO_DEBUG === '1'
}

/**
 * Turns a thrown error into one clear `delta-studio:` line and exit code 1. The stack trace is
 * for developers: only with `--debug`.
 */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error)
  if (debugEnabled() && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`)
  }
  process.stderr.write(`delta-studio: ${message}\n`)
  process.exit(1)
}
