import { createLogger } from '@fedshop/logger';
import { exitOnStartupFailure, handleShutdownSignals } from '@fedshop/service-kit';
import { loadProductsConfig } from './config.js';
import { serviceName } from './server.js';
import { startProductsService } from './start.js';

// Config errors come before the real logger exists (LOG_LEVEL may be what is wrong).
const bootLogger = createLogger({ service: serviceName });

try {
  const config = loadProductsConfig();
  const logger = createLogger({ service: serviceName, level: config.logLevel });
  const service = await startProductsService(config, { logger });
  handleShutdownSignals({ logger, close: () => service.stop() });
} catch (error) {
  exitOnStartupFailure(bootLogger, error);
}
