import { runService } from '@fedshop/service-kit';
import { loadUsersConfig } from './config.js';
import { startUsersWorker, usersWorkerName } from './start-worker.js';

await runService({
  name: usersWorkerName,
  loadConfig: () => loadUsersConfig(),
  start: (config, logger) => startUsersWorker(config, { logger }),
});
