import mongoose, { Schema, type Connection } from 'mongoose';
import { MongoBulkWriteError, MongoClient, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// collMod, hint, create options this server refuses, unordered bulk writes and array
// operators on non-arrays. Expected values follow the manual pages named per test and
// mongoose's own tests where they are cited.

const context = useEmbeddedMongo();
let client: MongoClient;
let db: Db;
let connection: Connection;
let n = 0;

beforeAll(async () => {
  client = await new MongoClient(context.server.uri).connect();
  const name = uniqueDbName();
  db = client.db(name);
  connection = await mongoose.createConnection(`${context.server.uri}/${name}`).asPromise();
});

afterAll(async () => {
  await connection.close();
  await client.close();
});

describe('collMod', () => {
  it('when an index is hidden and unhidden, then listIndexes shows hidden: true only while hidden (manual "collMod")', async () => {
    const coll = db.collection(`mod${n++}`);
    await coll.createIndex({ sku: 1 });
    const hide = await db.command({
      collMod: coll.collectionName,
      index: { name: 'sku_1', hidden: true },
    });
    expect(hide).toMatchObject({ hidden_old: false, hidden_new: true, ok: 1 });
    const hidden = (await coll.listIndexes().toArray()).find((i) => i.name === 'sku_1');
    expect(hidden?.hidden).toBe(true);
    const show = await db.command({
      collMod: coll.collectionName,
      index: { keyPattern: { sku: 1 }, hidden: false },
    });
    expect(show).toMatchObject({ hidden_old: true, hidden_new: false, ok: 1 });
    const shown = (await coll.listIndexes().toArray()).find((i) => i.name === 'sku_1');
    expect(shown).not.toHaveProperty('hidden');
  });

  it('when an index is hidden, then a hint naming it fails and its unique constraint still holds', async () => {
    const coll = db.collection(`mod${n++}`);
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'a@b' });
    await db.command({ collMod: coll.collectionName, index: { name: 'email_1', hidden: true } });
    await expect(coll.find({}).hint('email_1').toArray()).rejects.toMatchObject({ code: 2 });
    await expect(coll.insertOne({ email: 'a@b' })).rejects.toMatchObject({ code: 11000 });
  });

  it('when mongoose syncIndexes runs with hideIndexes, then the index is hidden instead of dropped (mongoose gh-14868)', async () => {
    const opts = { autoIndex: false };
    const schema = new Schema({ name: String }, opts);
    schema.index({ name: 1 });
    let M = connection.model('HideIndexes', schema);
    await M.syncIndexes({});
    expect((await M.listIndexes())[1]).toMatchObject({ key: { name: 1 } });
    connection.deleteModel('HideIndexes');
    M = connection.model('HideIndexes', new Schema({ name: String }, opts));
    await M.syncIndexes({ hideIndexes: true });
    const indexes = await M.listIndexes();
    expect(indexes[1]).toMatchObject({ key: { name: 1 }, hidden: true });
    await M.syncIndexes({});
    expect((await M.listIndexes()).map((i) => i.key)).toEqual([{ _id: 1 }]);
  });

  it('when collMod names a missing index, an unknown option or a feature this server lacks, then it fails with that code', async () => {
    const coll = db.collection(`mod${n++}`);
    await coll.insertOne({ a: 1 });
    const name = coll.collectionName;
    await expect(
      db.command({ collMod: name, index: { name: 'nope_1', hidden: true } }),
    ).rejects.toMatchObject({ code: 27 });
    await expect(db.command({ collMod: name, bogus: 1 })).rejects.toMatchObject({
      code: 40415,
      message: "BSON field 'collMod.bogus' is an unknown field.",
    });
    await expect(db.command({ collMod: name, validator: { a: { $gt: 0 } } })).rejects.toMatchObject(
      {
        code: 72,
        message: "collMod option 'validator' is not supported by this server",
      },
    );
    await expect(
      db.command({ collMod: 'missing', index: { name: 'x', hidden: true } }),
    ).rejects.toMatchObject({
      code: 26,
    });
  });
});

describe('hint', () => {
  it('when aggregate hints a compound index, then documents come in that index order (mongoose "adds hint option")', async () => {
    const mySchema = new Schema({ name: String, qty: Number });
    mySchema.index({ qty: -1, name: -1 });
    const M = connection.model('HintAggregate', mySchema);
    await M.init();
    await M.create([
      { name: 'Andrew', qty: 4 },
      { name: 'Betty', qty: 5 },
      { name: 'Charlie', qty: 4 },
    ]);
    const found = await M.aggregate([{ $match: {} }])
      .hint({ qty: -1, name: -1 })
      .exec();
    expect(found.map((d: { name: string }) => d.name)).toEqual(['Betty', 'Charlie', 'Andrew']);
  });

  it('when a hint matches no index, then find and aggregate fail with BadValue (2)', async () => {
    const coll = db.collection(`hint${n++}`);
    await coll.insertOne({ a: 1 });
    await expect(coll.find({}).hint({ nope: 1 }).toArray()).rejects.toMatchObject({ code: 2 });
    await expect(coll.aggregate([], { hint: 'nope_1' }).toArray()).rejects.toMatchObject({
      code: 2,
    });
  });

  it('when the hint is $natural, then documents come in insertion order or its reverse', async () => {
    const coll = db.collection(`hint${n++}`);
    await coll.insertMany([{ _id: 3 }, { _id: 1 }, { _id: 2 }] as Document[]);
    const reverse = await coll.find({}).hint({ $natural: -1 }).toArray();
    expect(reverse.map((d) => d._id)).toEqual([2, 1, 3]);
  });
});

describe('create options this server does not support', () => {
  it.each([
    [
      'timeseries',
      { timeseries: { timeField: 't' } },
      'time-series collections are not supported by this server',
    ],
    ['capped', { capped: true, size: 4096 }, 'capped collections are not supported by this server'],
    ['viewOn', { viewOn: 'other', pipeline: [] }, 'views are not supported by this server'],
    [
      'validator',
      { validator: { a: { $type: 'int' } } },
      'schema validation is not supported by this server',
    ],
  ])(
    'when create asks for %s, then it fails with CommandNotSupported (115) naming the feature',
    async (_name, options, message) => {
      const name = `create${n++}`;
      await expect(db.createCollection(name, options as never)).rejects.toMatchObject({
        code: 115,
        message,
      });
      expect(await db.listCollections({ name }).toArray()).toEqual([]);
    },
  );
});

describe('unordered bulkWrite', () => {
  it('when some operations fail, then the others are applied and each failure is in writeErrors', async () => {
    const coll = db.collection(`bulk${n++}`);
    await coll.insertOne({ _id: 1, num: 42 } as Document);
    const error: unknown = await coll
      .bulkWrite(
        [
          { insertOne: { document: { _id: 1 } } },
          { updateOne: { filter: { _id: 1 }, update: { $push: { num: 1 } } } },
          { updateOne: { filter: { _id: 1 }, update: { $inc: { num: 57 } } } },
          { insertOne: { document: { _id: 2 } } },
        ] as never,
        { ordered: false },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([
      [0, 11000],
      [1, 2],
    ]);
    expect(bulk.result.insertedCount).toBe(1);
    expect(bulk.result.modifiedCount).toBe(1);
    expect(await coll.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, num: 99 });
  });

  it('when mongoose bulkWrite is unordered and one op fails on the server, then the rest still apply (mongoose gh-13176)', async () => {
    const Test = connection.model('BulkUnordered', new Schema({ num: Number }));
    const { _id } = await Test.create({ num: 42 });
    const error: unknown = await Test.bulkWrite(
      [
        { updateOne: { filter: { _id }, update: { $push: { num: 42 } } } },
        { updateOne: { filter: { _id }, update: { $inc: { num: 57 } } } },
      ] as never,
      { ordered: false },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeTruthy();
    expect((await Test.findById(_id).lean())?.num).toBe(99);
  });
});

describe('array operators on a field that is not an array', () => {
  it.each([
    [
      '$push',
      { $push: { num: 1 } },
      2,
      "The field 'num' must be an array but is of type int in document {_id: 1}",
    ],
    [
      '$addToSet',
      { $addToSet: { num: 1 } },
      2,
      "Cannot apply $addToSet to non-array field. Field named 'num' has non-array type int",
    ],
    ['$pop', { $pop: { num: 1 } }, 14, "Path 'num' contains an element of non-array type 'int'"],
    ['$pullAll', { $pullAll: { num: [1] } }, 2, 'Cannot apply $pull to a non-array value'],
  ])(
    'when %s targets an int, then it fails with the server error and nothing changes',
    async (_op, update, code, message) => {
      const coll = db.collection(`arrop${n++}`);
      await coll.insertOne({ _id: 1, num: 42 } as Document);
      await expect(coll.updateOne({ _id: 1 } as Document, update as never)).rejects.toMatchObject({
        code,
        message,
      });
      expect(await coll.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, num: 42 });
    },
  );
});
