import type { CommandHandler } from './command-context.js';
import { maxBsonObjectSize, serverVersion } from './server-constants.js';

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
