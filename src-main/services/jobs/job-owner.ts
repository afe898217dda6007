import type { StoredOwner } from '../../store/jobs-repo'

/**
 * Whether the recorded owner of an unfinished job is gone, so another process may take the job
 * over: no owner recorded (a job from before owners were kept), the same process (a job this
 * runner no longer holds), a process id that has exited on this host, or a heartbeat older than
 * `staleAfterMs` (the only sign a process on another host, or a frozen one, gives).
 */
export function ownerIsGone(
  owner: StoredOwner | null,
  self: { pid: number; host: string },
  staleAfterMs: number,
  now: number
): boolean {
  if (!owner) return true
  if (owner.host === self.host && owner.pid === self.pid) return true
  const beat = Date.parse(owner.heartbeatAt)
  if (!Number.isFinite(beat) || now - beat > staleAfterMs) return true
  return owner.host === self.host && !processExists(owner.pid)
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
