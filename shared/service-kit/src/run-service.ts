import { createLogger, type Logger, type LogLevel } from '@fedshop/logger';
import { exitOnStartupFailure, handleShutdownSignals } from './graceful-shutdown.js';

/** A started service: whatever it runs, it stops in its own order. */
export interface RunningService {
  stop(): Promise<void>;
}

/** What `runService` reads of any configuration. */
export interface ServiceConfigBase {
  logLevel: LogLevel;
  /** Said once at start-up (e.g. a retired variable that is still set). */
  warnings?: readonly string[];
}

export interface RunServiceOptions<TConfig extends ServiceConfigBase> {
  /** Stamped on every log line as `service`. */
  name: string;
  /** Parses the environment once; throws a ConfigError naming each bad variable. */
  loadConfig: () => TConfig;
  start: (config: TConfig, logger: Logger) => Promise<RunningService>;
}

/**
 * What every `index.ts` does: read the configuration, start, stop on SIGTERM/SIGINT, and
 * exit with one clear line when any of it fails.
 */
export async function runService<TConfig extends ServiceConfigBase>({
  name,
  loadConfig,
  start,
}: RunServiceOptions<TConfig>): Promise<void> {
  // Configuration errors come before the real logger exists (LOG_LEVEL may be what is wrong).
  let logger = createLogger({ service: name });
  try {
    const config = loadConfig();
    logger = createLogger({ service: name, level: config.logLevel });
    for (const warning of config.warnings ?? []) logger.warn(warning);
    const service = await start(config, logger);
    handleShutdownSignals({ logger, close: () => service.stop() });
  } catch (error) {
    exitOnStartupFailure(logger, error);
  }
}
