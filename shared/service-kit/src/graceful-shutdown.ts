import type { Logger } from '@fedshop/logger';

export interface GracefulShutdownOptions {
  logger: Logger;
  /** Closes servers, workers and connections, in that order. */
  close: () => Promise<void>;
  /** Exit with failure if closing takes longer. @defaultValue `defaultShutdownTimeoutMs` */
  timeoutMs?: number;
}

export const defaultShutdownTimeoutMs = 10_000;

/**
 * On SIGTERM/SIGINT: close once, then exit. A second signal or a hung close exits at
 * once, so an orchestrator is never left waiting on us.
 */
export function handleShutdownSignals({
  logger,
  close,
  timeoutMs = defaultShutdownTimeoutMs,
}: GracefulShutdownOptions): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Logs a start-up failure as one clear line and exits; used by every `index.ts`. */
export function exitOnStartupFailure(logger: Logger, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  logger.fatal({ err: error }, `failed to start: ${message}`);
  process.exit(1);
}
