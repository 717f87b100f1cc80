import type { Document } from 'bson';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';
import { opMsg, RawConnection, replyDocument } from './support/raw-connection.js';

// Bad input from one client gets that client an error reply; nothing it sends may change
// stored data in a way it did not ask for, or stop the server serving others.

const context = useEmbeddedMongo();
let client: MongoClient;
const dbName = uniqueDbName();

beforeAll(async () => {
  client = await new MongoClient(context.server.uri).connect();
});

afterAll(async () => {
  await client.close();
});

function nested(depth: number): Document {
  let doc: Document = { leaf: 1 };
  for (let i = 0; i < depth; i++) doc = { n: doc };
  return doc;
}

async function commandError(command: Document): Promise<MongoServerError> {
  const error: unknown = await client
    .db(dbName)
    .command(command)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

describe('update operators with a non-document argument', () => {
  it('when $set is given a string, then the statement fails with FailedToParse and the document is unchanged', async () => {
    const coll = client.db(dbName).collection('set-string');
    await coll.insertOne({ _id: 1 as never, a: 1 });
    const reply = await client.db(dbName).command({
      update: 'set-string',
      updates: [{ q: { _id: 1 }, u: { $set: 'x' } }],
    });
    expect(reply).toMatchObject({ n: 0, nModified: 0 });
    expect(reply.writeErrors?.[0]).toMatchObject({ code: 9 });
    expect(reply.writeErrors?.[0].errmsg).toContain('Modifiers operate on fields');
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, a: 1 });
  });
});

describe('deeply nested documents', () => {
  it('when a command nests deeper than the decoder can follow, then the client gets an error reply and the connection stays open', async () => {
    const conn = await RawConnection.open(context.server.port);
    try {
      conn.write(opMsg({ insert: 'deep', documents: [nested(20_000)], $db: dbName }, { flags: 0 }));
      const message = await conn.readMessage(10_000);
      expect(message).toBeDefined();
      expect(replyDocument(message as Buffer).doc).toMatchObject({ ok: 0, code: 15 });
      conn.write(opMsg({ ping: 1, $db: 'admin' }));
      expect(replyDocument((await conn.readMessage()) as Buffer).doc).toEqual({ ok: 1 });
    } finally {
      conn.close();
    }
  });
});

describe('replies larger than a BSON document may be', () => {
  it('when distinct would answer more than 16 MiB, then the client gets an error reply and the connection stays open', async () => {
    const coll = client.db(dbName).collection('big-distinct');
    const chunk = 'x'.repeat(4 * 1024 * 1024);
    for (let i = 0; i < 5; i++) await coll.insertOne({ v: `${i}${chunk}` });
    const error = await commandError({ distinct: 'big-distinct', key: 'v' });
    expect(error.code).toBe(10334);
    expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
  });
});
