import type { Db } from '../../db/open-database'
import { probeImage } from './sample-writer'
import type { ImageProbe } from './sample-writer'

/**
 * Probes at once. Each is mostly a decode on libuv's thread pool (4 threads), which the rows'
 * own file work (hash, link, rename) needs too: 2 at once imported 400 new JPEGs at 7.4–7.6 ms
 * per row, 3 at 8.0–8.5, 4 at 8.1–8.9 (2 cores).
 */
const PROBES_AT_ONCE = 2

/**
 * Probes (hash, header, full decode: `probeImage`) the image files of rows still to come, a few
 * at a time, while the import writes earlier rows one by one. Without it every new image's
 * decode would wait for the row before it: 10.3–10.8 instead of 7.4–7.6 ms per row of a new
 * image on 2 cores (3.8–4.1 ms when ingest read only headers).
 * Rows still take their images in order and see the same errors, since a probe's failure
 * surfaces only when its row takes it.
 */
export class ImagePrefetch {
  readonly #db: Db
  readonly #probes = new Map<string, Promise<ImageProbe>>()
  readonly #waiting: Array<() => void> = []
  #running = 0

  constructor(db: Db) {
    this.#db = db
  }

  /** Starts probing `file` (once, until it is taken). */
  ahead(file: string): void {
    if (this.#probes.has(file)) return
    const probe = this.#slot().then(async () => {
      try {
        return await probeImage(this.#db, { file })
      } finally {
        this.#running--
        this.#waiting.shift()?.()
      }
    })
    // A probe nobody takes (the import was cancelled) must not be an unhandled rejection.
    probe.catch(() => undefined)
    this.#probes.set(file, probe)
  }

  /** The probe started for `file`, if any; it is forgotten, so memory stays bounded. */
  take(file: string): Promise<ImageProbe> | undefined {
    const probe = this.#probes.get(file)
    this.#probes.delete(file)
    return probe
  }

  async #slot(): Promise<void> {
    while (this.#running >= PROBES_AT_ONCE) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    }
    this.#running++
  }
}
