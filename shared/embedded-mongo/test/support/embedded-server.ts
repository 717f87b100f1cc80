import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import {
  startEmbeddedMongo,
  type EmbeddedMongo,
  type EmbeddedMongoOptions,
} from '@fedshop/embedded-mongo';

/** Starts a server on a free port for the test file and stops it afterwards. */
export function useEmbeddedMongo(options: EmbeddedMongoOptions = {}): {
  readonly server: EmbeddedMongo;
} {
  const holder: { server?: EmbeddedMongo } = {};
  beforeAll(async () => {
    holder.server = await startEmbeddedMongo({ port: 0, ...options });
  });
  afterAll(async () => {
    await holder.server?.stop();
  });
  return {
    get server(): EmbeddedMongo {
      if (!holder.server) throw new Error('server not started');
      return holder.server;
    },
  };
}

/** A database name no other test uses. */
export function uniqueDbName(): string {
  return `test-${randomUUID()}`;
}
