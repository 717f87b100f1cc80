import { runService } from '@fedshop/service-kit';
import { loadGatewayConfig } from './config.js';
import { serviceName } from './server.js';
import { startGateway } from './start.js';

await runService({
  name: serviceName,
  loadConfig: () => loadGatewayConfig(),
  start: (config, logger) => startGateway(config, { logger }),
});
