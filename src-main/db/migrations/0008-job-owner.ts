import type { Migration } from '../migrate'

/**
 * The owner of a running job: the process (id and host) running it and when it last said it
 * is alive. Another process opening the project takes a `running` job over only once its owner
 * is gone (that pid has exited on this host, or its heartbeat stopped), instead of running the
 * same work twice; NULL for jobs written before owners were recorded (taken over as before).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'job-owner',
  sql: `
    ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
    ALTER TABLE jobs ADD COLUMN owner_host TEXT;
    ALTER TABLE jobs ADD COLUMN heartbeat_at TEXT;
  `
}
