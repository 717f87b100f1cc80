import type { Logger } from '@fedshop/logger';
import type { BackgroundWork } from '@fedshop/subgraph-kit';
import type { SessionRepository } from './session-repository.js';

/** `SESSION_SWEEP_MS`'s default: every ten minutes. */
export const defaultSessionSweepMs = 600_000;

export interface SessionSweeperOptions {
  repository: Pick<SessionRepository, 'deleteExpired'>;
  /** @defaultValue `defaultSessionSweepMs` */
  intervalMs?: number;
  logger: Logger;
  /** @defaultValue the system clock */
  now?: () => Date;
}

/**
 * Deletes expired sessions every `intervalMs` (the embedded store ignores TTL indexes; on
 * real MongoDB this only finds what the TTL monitor has not reached yet). One sweep at a
 * time; a failed sweep is logged and the next one tries again. `close` waits for a sweep
 * in progress, so the database is not closed under it.
 */
export function startSessionSweeper({
  repository,
  intervalMs = defaultSessionSweepMs,
  logger,
  now = () => new Date(),
}: SessionSweeperOptions): BackgroundWork {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    try {
      const deleted = await repository.deleteExpired(now());
      if (deleted > 0) logger.debug({ deleted }, 'expired sessions deleted');
    } catch (error) {
      logger.warn({ err: error }, 'sweeping expired sessions failed; retrying at the next sweep');
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = undefined;
    });
  }, intervalMs);
  // The sweeper alone never keeps the process alive.
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
