import type { CommandHandler } from './command-context.js';
import {
  logicalSessionTimeoutMinutes,
  maxBsonObjectSize,
  maxMessageSizeBytes,
  maxWireVersion,
  maxWriteBatchSize,
} from './server-constants.js';

/**
 * `hello`/`isMaster`: a writable standalone. No `setName` (so not a replica set), no
 * `topologyVersion` (so the driver polls instead of streaming) and no `compression`.
 */
export const hello: CommandHandler = (command, { connectionId }) => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  maxBsonObjectSize,
  maxMessageSizeBytes,
  maxWriteBatchSize,
  localTime: new Date(),
  logicalSessionTimeoutMinutes,
  connectionId,
  minWireVersion: 0,
  maxWireVersion,
  readOnly: false,
  ...(command.saslSupportedMechs !== undefined ? { saslSupportedMechs: [] } : {}),
  ok: 1,
});
