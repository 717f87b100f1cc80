import { createLogger } from '@fedshop/logger';
import { exitOnStartupFailure, handleShutdownSignals } from '@fedshop/service-kit';
import { loadProductsConfig } from './config.js';
import { serviceName } from './server.js';
import { startProductsService } from './start.js';

// Configuration errors are reported before a logger exists, so they go to stderr plainly.
let config;
try {
  config = loadProductsConfig();
} catch (error) {
  process.stderr.write(`${serviceName}: ${(error as Error).message}\n`);
  process.exit(1);
}

const logger = createLogger({ service: serviceName, level: config.logLevel });
try {
  const service = await startProductsService(config, { logger });
  handleShutdownSignals({ logger, close: () => service.stop() });
} catch (error) {
  exitOnStartupFailure(logger, error);
}
