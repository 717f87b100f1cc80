import type { CommandHandler } from './command-context.js';
import { serverVersion } from './server-constants.js';

/** `serverStatus`: version, uptime, connection counts and documents examined by queries. */
export const serverStatus: CommandHandler = (_command, { server, store }) => {
  const uptimeMillis = Date.now() - server.startedAt;
  return {
    host: server.host,
    version: serverVersion,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    localTime: new Date(),
    connections: {
      current: server.currentConnections(),
      available: 1_000_000 - server.currentConnections(),
      totalCreated: server.totalConnections(),
    },
    metrics: { queryExecutor: { scannedObjects: store.metrics.scannedObjects } },
    ok: 1,
  };
};
