import type { Logger } from '@fedshop/logger';

export interface Periodic {
  /** Runs the task now (unless it is running) and returns when that run ends. */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  close(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, never two runs at once; a failing run is logged and the
 * next one tries again. The timer does not keep the process alive.
 */
export function startPeriodic(
  name: string,
  intervalMs: number,
  task: () => Promise<void>,
  logger: Logger,
): Periodic {
  let current: Promise<void> | undefined;
  let closed = false;
  const runNow = (): Promise<void> => {
    if (closed) return Promise.resolve();
    current ??= task()
      .catch((error: unknown) =>
        logger.warn({ task: name, err: (error as Error).message }, 'periodic task failed'),
      )
      .finally(() => {
        current = undefined;
      });
    return current;
  };
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    async close() {
      closed = true;
      clearInterval(timer);
      await current;
    },
  };
}
