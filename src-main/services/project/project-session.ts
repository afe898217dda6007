import { RpcError } from '../../../src-shared/rpc/errors'
import type { ProjectHandle } from './project-folder'

/**
 * Holds the one open project of this core. Services ask it for the project on each call, so
 * opening another project needs no rewiring.
 */
export class ProjectSession {
  #current: ProjectHandle | null = null
  readonly #openListeners = new Set<(project: ProjectHandle) => void>()

  get current(): ProjectHandle | null {
    return this.#current
  }

  /** The open project; NO_PROJECT when none is open. */
  require(): ProjectHandle {
    if (!this.#current) throw new RpcError('NO_PROJECT', 'No project is open')
    return this.#current
  }

  /** Replaces the open project, closing the previous database. */
  set(project: ProjectHandle): void {
    if (this.#current && this.#current.db !== project.db) this.#current.db.close()
    this.#current = project
    for (const listener of this.#openListeners) listener(project)
  }

  onDidOpen(listener: (project: ProjectHandle) => void): () => void {
    this.#openListeners.add(listener)
    return () => this.#openListeners.delete(listener)
  }

  close(): void {
    this.#current?.db.close()
    this.#current = null
  }
}
