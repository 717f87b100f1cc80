import { createLogger } from '@fedshop/logger';
import { exitOnStartupFailure, handleShutdownSignals } from '@fedshop/service-kit';
import { loadUsersConfig } from './config.js';
import { usersServiceName } from './server.js';
import { startUsersService } from './start.js';

// Config errors come before the logger exists (LOG_LEVEL may be what is wrong).
const bootLogger = createLogger({ service: usersServiceName });

try {
  const config = loadUsersConfig();
  const logger = createLogger({ service: usersServiceName, level: config.logLevel });
  const service = await startUsersService(config, { logger });
  handleShutdownSignals({ logger, close: () => service.stop() });
} catch (error) {
  exitOnStartupFailure(bootLogger, error);
}
