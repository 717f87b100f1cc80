import { LauncherError } from './launcher-error.js';

export type WorkerMode = 'inline' | 'separate';

/**
 * `WORKER_MODE` as the services read it (unset or empty: `inline`), checked here too so a
 * typo stops the launcher before any child starts rather than in three children at once.
 */
export function parseWorkerMode(value: string | undefined): WorkerMode {
  if (value === undefined || value === '' || value === 'inline') return 'inline';
  if (value === 'separate') return 'separate';
  throw new LauncherError('WORKER_MODE must be inline or separate.');
}
