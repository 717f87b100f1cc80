import mongoose, { Schema, type Connection } from 'mongoose';
import { Binary, Double, Int32, Long, MongoClient, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// BSON types that the comparable view would blur, checked through the driver and mongoose.
// manual "$type": int (16), long (18) and double (1) are distinct types, "number" matches
// all numeric types; manual "Comparison/Sort Order": numbers compare by value across
// types, which for an int64 means every digit.

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

const ids = (docs: Document[]) => docs.map((d) => d._id as unknown);

describe('$type on numbers', () => {
  const numbers = [
    { _id: 1, v: new Int32(1) },
    { _id: 2, v: new Double(1) },
    { _id: 3, v: Long.fromNumber(1) },
    { _id: 4, v: 1.5 },
    { _id: 5, v: 'one' },
    { _id: 6, v: [new Int32(7), 'x'] },
  ];

  it('when $type names int, long or double, then only values stored with that type match', async () => {
    const coll = db.collection(`type${n++}`);
    await coll.insertMany(numbers as Document[]);
    expect(ids(await coll.find({ v: { $type: 'int' } }).toArray())).toEqual([1, 6]);
    expect(ids(await coll.find({ v: { $type: 16 } }).toArray())).toEqual([1, 6]);
    expect(ids(await coll.find({ v: { $type: 'long' } }).toArray())).toEqual([3]);
    expect(ids(await coll.find({ v: { $type: 'double' } }).toArray())).toEqual([2, 4]);
    expect(ids(await coll.find({ v: { $type: ['long', 'string'] } }).toArray())).toEqual([3, 5, 6]);
    expect(ids(await coll.find({ v: { $type: 'number' } }).toArray())).toEqual([1, 2, 3, 4, 6]);
  });

  it('when a mongoose Int32 path is queried by $type, then int and number match and double does not', async () => {
    // mongoose's own test "Int32 $type compatibility".
    const Test = connection.model('Int32Type', new Schema({ myInt: Schema.Types.Int32 }));
    await Test.create({ myInt: '42' } as never); // mongoose casts the string
    expect((await Test.findOne({ myInt: { $type: 'number' } } as never))?.myInt).toBe(42);
    expect((await Test.findOne({ myInt: { $type: 'int' } } as never))?.myInt).toBe(42);
    expect(await Test.findOne({ myInt: { $type: 'double' } } as never)).toBeNull();
  });
});

describe('int64 beyond 2^53', () => {
  const big = Long.fromString('9007199254740993'); // 2^53 + 1: as a double it is 2^53
  const docs = [
    { _id: 1, v: big },
    { _id: 2, v: Long.fromString('9007199254740992') },
    { _id: 3, v: Long.fromString('9007199254740994') },
  ];

  it('when an int64 is compared, then every digit counts', async () => {
    const coll = db.collection(`long${n++}`);
    await coll.insertMany(docs as Document[]);
    expect(ids(await coll.find({ v: big }).toArray())).toEqual([1]);
    expect(ids(await coll.find({ v: { $gt: big } }).toArray())).toEqual([3]);
    expect(ids(await coll.find({ v: { $gte: big } }).toArray())).toEqual([1, 3]);
    expect(ids(await coll.find({ v: { $lt: big } }).toArray())).toEqual([2]);
    expect(ids(await coll.find({ v: { $ne: big } }).toArray())).toEqual([2, 3]);
    expect(ids(await coll.find({ v: { $in: [big, Long.fromNumber(5)] } }).toArray())).toEqual([1]);
    expect(await coll.countDocuments({ v: big })).toBe(1);
  });

  it('when int64 values are sorted, then they are in exact order', async () => {
    const coll = db.collection(`long${n++}`);
    await coll.insertMany(docs as Document[]);
    expect(ids(await coll.find().sort({ v: 1 }).toArray())).toEqual([2, 1, 3]);
    expect(ids(await coll.find().sort({ v: -1 }).toArray())).toEqual([3, 1, 2]);
  });
});

describe('field names and values kept as stored', () => {
  it('when a document has an own __proto__ field, then it is stored as a field and nothing is polluted', async () => {
    const coll = db.collection(`proto${n++}`);
    const doc = JSON.parse('{"_id":1,"__proto__":{"polluted":1},"a":{"__proto__":{"x":1}}}');
    await coll.insertOne(doc);
    const stored = await coll.findOne({ _id: 1 } as Document);
    expect(Object.keys(stored ?? {})).toEqual(['_id', '__proto__', 'a']);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.hasOwn(stored?.a as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when mongoose $sets a Mixed value with an own __proto__ key, then it comes back (mongoose gh-16202)', async () => {
    const Test = connection.model(
      'ProtoMixed',
      new Schema({ path1: { type: Schema.Types.Mixed } }),
    );
    const created = await Test.create({ path1: {} });
    const res = await Test.findOneAndUpdate(
      { _id: created._id },
      { $set: { path1: JSON.parse('{"__proto__":"abcd"}') } },
      { returnDocument: 'after', cloneUpdate: false },
    ).lean();
    const path1 = (res as { path1?: unknown } | null)?.path1 as Record<string, unknown>;
    expect(Object.hasOwn(path1, '__proto__')).toBe(true);
    expect(path1.__proto__).toBe('abcd');
  });

  it('when $rename moves a field under __proto__, then it is an ordinary field and nothing is polluted', async () => {
    // mongoose's own test "avoids prototype pollution on init".
    const Example = connection.model('ProtoRename', new Schema({ hello: String }));
    const example = await new Example({ hello: 'world!' }).save();
    await Example.findByIdAndUpdate(example._id, { $rename: { hello: '__proto__.polluted' } });
    await Example.find();
    const raw = await db.collection('protorenames').findOne({ _id: example._id });
    expect(Object.hasOwn(raw ?? {}, '__proto__')).toBe(true);
    expect((raw as Record<string, { polluted?: string }>).__proto__?.polluted).toBe('world!');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when $set writes an int32 over an int64 field, then the field becomes an int32', async () => {
    // manual "$set": "replaces the value of a field with the specified value".
    const coll = db.collection(`settype${n++}`);
    await coll.insertOne({ _id: 1, v: Long.fromNumber(5) } as Document);
    await coll.updateOne({ _id: 1 } as Document, { $set: { v: new Int32(6) } });
    const doc = await coll.findOne({ _id: 1 } as Document, { promoteValues: false });
    expect(doc?.v).toBeInstanceOf(Int32);
  });

  it('when a binary subtype is changed by an update, then the new subtype is stored', async () => {
    const coll = db.collection(`bin${n++}`);
    await coll.insertOne({ _id: 1, b: new Binary(Buffer.from('hi'), 128) } as Document);
    expect(((await coll.findOne({ _id: 1 } as Document))?.b as Binary).sub_type).toBe(128);
    await coll.updateOne({ _id: 1 } as Document, { $set: { b: new Binary(Buffer.from('hi'), 0) } });
    expect(((await coll.findOne({ _id: 1 } as Document))?.b as Binary).sub_type).toBe(0);
  });

  it('when mongoose upserts with _id null, then the document keeps _id null and saves again (mongoose gh-6406)', async () => {
    const Model = connection.model('NullId', new Schema({ _id: Number, val: String }));
    await Model.updateOne({ _id: null }, { val: 'test' }, { upsert: true });
    const doc = await Model.findOne();
    expect(doc?._id).toBeNull();
    doc!.val = 'test2';
    await doc!.save();
    const again = await Model.findOne().lean();
    expect(again).toMatchObject({ _id: null, val: 'test2' });
  });
});
