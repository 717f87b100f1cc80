import { createLogger } from '@fedshop/logger';
import { exitOnStartupFailure, handleShutdownSignals } from '@fedshop/service-kit';
import { loadGatewayConfig } from './config.js';
import { serviceName } from './server.js';
import { startGateway } from './start.js';

// Configuration errors are reported before a logger exists, so they go to stderr plainly.
let config;
try {
  config = loadGatewayConfig();
} catch (error) {
  process.stderr.write(`${serviceName}: ${(error as Error).message}\n`);
  process.exit(1);
}

const logger = createLogger({ service: serviceName, level: config.logLevel });
try {
  const gateway = await startGateway(config, { logger });
  handleShutdownSignals({ logger, close: () => gateway.stop() });
} catch (error) {
  exitOnStartupFailure(logger, error);
}
