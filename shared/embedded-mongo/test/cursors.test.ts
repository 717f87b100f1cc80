import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// Idle cursors are closed after cursorTimeoutMillis (manual: default 10 minutes);
// the server here is started with a short timeout so the test can observe it.

const context = useEmbeddedMongo({ cursorTimeoutMs: 150 });
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  client = await new MongoClient(context.server.uri).connect();
  db = client.db(uniqueDbName());
  await db.collection('c').insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
});

afterAll(async () => {
  await client.close();
});

describe('cursor lifetime', () => {
  it('when a cursor stays idle past the timeout, then getMore fails with CursorNotFound (43)', async () => {
    const first = await db.command({ find: 'c', batchSize: 5 });
    expect(first.cursor.firstBatch).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const error = await db
      .command({ getMore: first.cursor.id, collection: 'c' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('when a cursor is used within the timeout, then it stays open until exhausted and its id becomes 0', async () => {
    const first = await db.command({ find: 'c', batchSize: 5 });
    const second = await db.command({ getMore: first.cursor.id, collection: 'c', batchSize: 5 });
    expect(second.cursor.nextBatch.map((d: { i: number }) => d.i)).toEqual([5, 6, 7, 8, 9]);
    const rest = await db.command({ getMore: first.cursor.id, collection: 'c' });
    expect(rest.cursor.nextBatch).toHaveLength(10);
    expect(Number(rest.cursor.id)).toBe(0);
  });

  it('when batchSize is 0, then the first batch is empty and getMore returns the documents', async () => {
    // manual find: "A batchSize of 0 means that the cursor will be established, but no
    // documents will be returned in the first batch."
    const first = await db.command({ find: 'c', batchSize: 0 });
    expect(first.cursor.firstBatch).toEqual([]);
    const rest = await db.command({ getMore: first.cursor.id, collection: 'c' });
    expect(rest.cursor.nextBatch).toHaveLength(20);
  });

  it('when a find has a limit, then no cursor is left open beyond it', async () => {
    const reply = await db.command({ find: 'c', limit: 3 });
    expect(reply.cursor.firstBatch).toHaveLength(3);
    expect(Number(reply.cursor.id)).toBe(0);
  });
});
