import type { CommandHandler } from './command-context.js';
import { maxBsonObjectSize, serverVersion } from './server-constants.js';

/** `ping`: liveness. */
export const ping: CommandHandler = () => ({ ok: 1 });

/** `endSessions`: sessions hold no server state here, so there is nothing to end. */
export const endSessions: CommandHandler = () => ({ ok: 1 });

/** `buildInfo`: the version the server presents. */
export const buildInfo: CommandHandler = () => ({
  version: serverVersion,
  gitVersion: 'embedded',
  versionArray: serverVersion.split('.').map(Number).concat(0),
  bits: 64,
  debug: false,
  maxBsonObjectSize,
  storageEngines: ['embedded'],
  modules: [],
  ok: 1,
});

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

/** `dbStats`: collection, document and index counts of the database. Sizes are nominal. */
export const dbStats: CommandHandler = (_command, { db, store }) => {
  const collections = store.collections(db);
  const objects = collections.reduce((sum, c) => sum + c.size, 0);
  const indexes = collections.reduce((sum, c) => sum + c.indexes.list().length, 0);
  return {
    db,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: 0,
    dataSize: 0,
    storageSize: 0,
    indexes,
    indexSize: 0,
    ok: 1,
  };
};
