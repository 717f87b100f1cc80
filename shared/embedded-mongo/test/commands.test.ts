import { Long, MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// Administrative commands and error replies; wording and codes from the MongoDB manual
// ("Error Codes", and each command's reference page).

const context = useDriverClient();

describe('server commands', () => {
  it('when hello is sent, then the server presents a writable standalone of wire version 21', async () => {
    const reply = await context.client.db('admin').command({ hello: 1 });
    expect(reply).toMatchObject({ isWritablePrimary: true, maxWireVersion: 21, ok: 1 });
    expect(reply.setName).toBeUndefined();
    expect(reply.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  });

  it('when ping and buildInfo are sent, then they answer ok with a 7.0 version', async () => {
    const admin = context.client.db('admin');
    expect(await admin.command({ ping: 1 })).toEqual({ ok: 1 });
    const info = await admin.command({ buildInfo: 1 });
    expect(info.version).toMatch(/^7\.0\./);
    expect(info.versionArray.slice(0, 2)).toEqual([7, 0]);
  });

  it('when serverStatus is sent, then it reports version, uptime and current connections', async () => {
    const status = await context.client.db('admin').command({ serverStatus: 1 });
    expect(status.version).toMatch(/^7\.0\./);
    expect(typeof status.uptime).toBe('number');
    expect(status.connections.current).toBeGreaterThanOrEqual(1);
  });

  it('when an unknown command is sent, then it fails with code 59 naming the command', async () => {
    const error = await context.client
      .db('admin')
      .command({ frobnicate: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
      message: "no such command: 'frobnicate'",
    });
  });

  it('when a transaction is started on the standalone, then the server rejects it with code 20', async () => {
    const db = context.client.db(uniqueDbName());
    await db.createCollection('tx');
    const session = context.client.startSession();
    try {
      session.startTransaction();
      const error = await db
        .collection('tx')
        .insertOne({ a: 1 }, { session })
        .catch((e: unknown) => e);
      // A standalone answers "Transaction numbers are only allowed on a replica set member or
      // mongos" (20); the driver rewraps that as "does not support retryable writes".
      expect(error).toMatchObject({
        originalError: {
          code: 20,
          message: 'Transaction numbers are only allowed on a replica set member or mongos',
        },
      });
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await db.collection('tx').countDocuments()).toBe(0);
  });

  it('when commitTransaction is sent directly, then it fails with IllegalOperation', async () => {
    const error = await context.client
      .db('admin')
      .command({ commitTransaction: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 20, codeName: 'IllegalOperation' });
  });
});

describe('error wording', () => {
  it('when a query or update is invalid, then the error carries the MongoDB code and wording', async () => {
    const coll = context.client.db(uniqueDbName()).collection('errs');
    await coll.insertOne({ a: 1, s: 'x' });
    await expect(coll.find({ a: { $foo: 1 } } as never).toArray()).rejects.toMatchObject({
      code: 2,
      message: 'unknown operator: $foo',
    });
    await expect(coll.find({ a: { $in: 5 } } as never).toArray()).rejects.toMatchObject({
      code: 2,
      message: '$in needs an array',
    });
    await expect(coll.aggregate([{ $frob: {} }]).toArray()).rejects.toMatchObject({
      code: 40324,
      message: "Unrecognized pipeline stage name: '$frob'",
    });
    await expect(coll.updateOne({}, { $inc: { s: 1 } })).rejects.toMatchObject({
      code: 14, // TypeMismatch
      message: expect.stringMatching(
        /^Cannot apply \$inc to a value of non-numeric type\. .* has the field 's' of non-numeric type string$/,
      ),
    });
  });
});

describe('databases and collections', () => {
  it('when a collection is created twice, then the second create fails with NamespaceExists (48)', async () => {
    const db = context.client.db(uniqueDbName());
    await db.createCollection('once');
    const error = await db.command({ create: 'once' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 48, codeName: 'NamespaceExists' });
  });

  it('when collections exist, then listCollections and listDatabases show them', async () => {
    const name = uniqueDbName();
    const db = context.client.db(name);
    await db.collection('a').insertOne({ x: 1 });
    await db.createCollection('b');
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    expect(collections.map((c) => c.name).sort()).toEqual(['a', 'b']);
    expect((await db.listCollections({ name: 'a' }).toArray()).map((c) => c.name)).toEqual(['a']);
    const { databases } = await context.client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(name);
  });

  it('when dbStats runs, then it counts collections, objects and indexes', async () => {
    const db = context.client.db(uniqueDbName());
    await db.collection('a').insertMany([{ x: 1 }, { x: 2 }]);
    await db.collection('a').createIndex({ x: 1 });
    expect(await db.stats()).toMatchObject({ collections: 1, objects: 2, indexes: 2, ok: 1 });
  });

  it('when a collection is dropped, then it disappears and dropping it again still succeeds (7.0)', async () => {
    const db = context.client.db(uniqueDbName());
    await db.collection('gone').insertOne({ x: 1 });
    expect(await db.collection('gone').drop()).toBe(true);
    expect(await db.listCollections().toArray()).toEqual([]);
    await expect(db.command({ drop: 'gone' })).resolves.toMatchObject({ ok: 1 });
  });

  it('when a database is dropped, then listDatabases no longer lists it', async () => {
    const name = uniqueDbName();
    const db = context.client.db(name);
    await db.collection('a').insertOne({ x: 1 });
    expect(await db.dropDatabase()).toBe(true);
    const { databases } = await context.client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).not.toContain(name);
  });
});

describe('indexes', () => {
  it('when indexes are created, listed and dropped, then listIndexes follows', async () => {
    const coll = context.client.db(uniqueDbName()).collection('ix');
    await coll.insertOne({ a: 1, b: 1 });
    expect(await coll.createIndex({ a: 1 })).toBe('a_1');
    expect(await coll.createIndex({ a: 1, b: -1 }, { name: 'ab' })).toBe('ab');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1', 'ab']);
    await coll.dropIndex('a_1');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'ab']);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('when the same index is created again, then it is a no-op', async () => {
    const coll = context.client.db(uniqueDbName()).collection('ix');
    await coll.createIndex({ a: 1 }, { unique: true });
    const reply = await coll.db.command({
      createIndexes: 'ix',
      indexes: [{ key: { a: 1 }, name: 'a_1', unique: true }],
    });
    expect(reply).toMatchObject({
      numIndexesBefore: 2,
      numIndexesAfter: 2,
      note: 'all indexes already exist',
    });
  });

  it('when an index name is reused for other keys, then createIndexes fails with IndexKeySpecsConflict (86)', async () => {
    const coll = context.client.db(uniqueDbName()).collection('ix');
    await coll.createIndex({ a: 1 }, { name: 'mine' });
    await expect(coll.createIndex({ b: 1 }, { name: 'mine' })).rejects.toMatchObject({ code: 86 });
  });

  it('when dropping an unknown index or _id_, then the documented errors come back', async () => {
    const coll = context.client.db(uniqueDbName()).collection('ix');
    await coll.insertOne({ a: 1 });
    await expect(coll.dropIndex('nope')).rejects.toMatchObject({
      code: 27,
      codeName: 'IndexNotFound',
    });
    await expect(coll.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
  });

  it('when listIndexes targets a missing collection, then it fails with NamespaceNotFound (26)', async () => {
    const db = context.client.db(uniqueDbName());
    await expect(db.command({ listIndexes: 'missing' })).rejects.toMatchObject({ code: 26 });
  });

  it('when a unique index is built over duplicated values, then the build fails with E11000', async () => {
    const coll = context.client.db(uniqueDbName()).collection('dups');
    await coll.insertMany([{ e: 'x' }, { e: 'x' }]);
    await expect(coll.createIndex({ e: 1 }, { unique: true })).rejects.toMatchObject({
      code: 11000,
    });
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('sessions', () => {
  it('when a client closes, then endSessions is accepted and the server keeps serving', async () => {
    const other = await new MongoClient(context.uri).connect();
    await other.db('admin').command({ ping: 1 });
    await other.close();
    expect(await context.client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
    expect(Long.isLong(Long.ZERO)).toBe(true);
  });
});
