import { Server } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '@fedshop/embedded-mongo';

// Node reports a failed accept (EMFILE past the file descriptor limit) as an 'error'
// event on the listening socket; without a listener that event throws and ends the
// process. libuv hides most EMFILEs behind a reserved descriptor, so the event cannot be
// provoked reliably from outside: the test emits it on the server's real listening socket.

const logged: { message: string; fields?: Record<string, unknown> }[] = [];
let mongo: EmbeddedMongo;

beforeAll(async () => {
  mongo = await startEmbeddedMongo({
    port: 0,
    logger: {
      info: () => {},
      warn: () => {},
      error: (message, fields) => logged.push({ message, fields }),
    },
  });
});

afterAll(async () => {
  await mongo.stop();
});

function listeningSocket(port: number): Server {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const server = handles.find(
    (h): h is Server =>
      h instanceof Server && (h.address() as { port?: number } | null)?.port === port,
  );
  if (!server) throw new Error(`no listening socket on port ${port}`);
  return server;
}

describe('listening socket errors', () => {
  it('when accepting fails with EMFILE, then the error is logged and the server keeps serving', async () => {
    const error = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
    expect(() => listeningSocket(mongo.port).emit('error', error)).not.toThrow();
    expect(logged).toContainEqual({
      message: 'listening socket error',
      fields: { error: 'accept EMFILE', code: 'EMFILE' },
    });
    const client = await new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 5_000 }).connect();
    try {
      expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
    } finally {
      await client.close();
    }
  });
});
