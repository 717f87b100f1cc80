import { createLogger } from '@fedshop/logger';
import { exitOnStartupFailure, handleShutdownSignals } from '@fedshop/service-kit';
import { loadOrdersConfig } from './config.js';
import { serviceName } from './server.js';
import { startOrdersService } from './start.js';

const bootLogger = createLogger({ service: serviceName });

try {
  const config = loadOrdersConfig();
  const logger = createLogger({ service: serviceName, level: config.logLevel });
  const service = await startOrdersService(config, { logger });
  handleShutdownSignals({ logger, close: service.stop });
} catch (error) {
  exitOnStartupFailure(bootLogger, error);
}
