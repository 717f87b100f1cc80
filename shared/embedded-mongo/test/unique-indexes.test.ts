import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// Unique index behaviour from the manual pages "Unique Indexes", "Sparse Indexes" and
// "Partial Indexes".

const context = useDriverClient();
let db: Db;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

describe('unique indexes', () => {
  it('when a compound unique index exists, then only the combination must be unique', async () => {
    const coll = db.collection('compound');
    await coll.createIndex({ a: 1, b: 1 }, { unique: true });
    await coll.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]);
    const error = await coll.insertOne({ a: 1, b: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { a: 1, b: 1 },
      keyValue: { a: 1, b: 2 },
    });
    expect((error as Error).message).toContain('index: a_1_b_1 dup key: { a: 1, b: 2 }');
  });

  it('when a unique field is missing from two documents, then the second one is a duplicate of null', async () => {
    // manual: "If a document does not have a value for the indexed field in a unique index,
    // the index stores a null value for this document" — so only one may lack it.
    const coll = db.collection('missing');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ name: 'no email' });
    await expect(coll.insertOne({ name: 'also none' })).rejects.toMatchObject({
      code: 11000,
      keyValue: { email: null },
    });
  });

  it('when the unique index is sparse, then many documents may lack the field', async () => {
    // manual "Sparse and Unique": documents without the field are not indexed.
    const coll = db.collection('sparse');
    await coll.createIndex({ score: 1 }, { unique: true, sparse: true });
    await coll.insertMany([{ userid: 'a' }, { userid: 'b' }, { userid: 'c', score: 43 }]);
    await expect(coll.insertOne({ userid: 'd', score: 43 })).rejects.toMatchObject({ code: 11000 });
  });

  it('when the unique index is partial, then uniqueness applies only to documents matching the filter', async () => {
    // manual "Partial Index with Unique Constraint": username unique among age >= 21.
    const coll = db.collection('partial');
    await coll.createIndex(
      { username: 1 },
      { unique: true, partialFilterExpression: { age: { $gte: 21 } } },
    );
    await coll.insertOne({ username: 'david', age: 29 });
    await expect(coll.insertOne({ username: 'david', age: 27 })).rejects.toMatchObject({
      code: 11000,
    });
    await coll.insertMany([{ username: 'david', age: 20 }, { username: 'david' }]);
    expect(await coll.countDocuments({ username: 'david' })).toBe(3);
  });

  it('when an array field has a unique index, then each element is a key and documents may not share one', async () => {
    // manual "Unique Constraint Across Separate Documents" for multikey indexes.
    const coll = db.collection('multikey');
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b', 'b'] });
    await expect(coll.insertOne({ tags: ['c', 'b'] })).rejects.toMatchObject({
      code: 11000,
      keyValue: { tags: 'b' },
    });
  });

  it('when numbers of different types hold the same value, then they collide in a unique index', async () => {
    const coll = db.collection('numeric');
    await coll.createIndex({ n: 1 }, { unique: true });
    await coll.insertOne({ n: 5 });
    await expect(coll.insertOne({ n: 5.0 })).rejects.toMatchObject({ code: 11000 });
  });

  it('when an update moves a value onto an existing key, then it fails and the document is unchanged', async () => {
    const coll = db.collection('moving');
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 1, k: 'a' },
      { _id: 2, k: 'b' },
    ] as never[]);
    await expect(coll.updateOne({ _id: 2 } as never, { $set: { k: 'a' } })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await coll.findOne({ _id: 2 } as never)).toEqual({ _id: 2, k: 'b' });
    // the old key was not released by the failed update, and the new one still belongs to 1
    await coll.updateOne({ _id: 1 } as never, { $set: { k: 'c' } });
    await coll.updateOne({ _id: 2 } as never, { $set: { k: 'a' } });
    expect((await coll.find({}).sort({ _id: 1 }).toArray()).map((d) => d.k)).toEqual(['c', 'a']);
  });

  it('when a document is deleted, then its unique key can be reused', async () => {
    const coll = db.collection('reuse');
    await coll.createIndex({ k: 1 }, { unique: true });
    await coll.insertOne({ k: 'x' });
    await coll.deleteOne({ k: 'x' });
    await expect(coll.insertOne({ k: 'x' })).resolves.toMatchObject({ acknowledged: true });
  });
});
