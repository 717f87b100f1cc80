import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

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
