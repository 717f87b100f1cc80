import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoClient,
  ObjectId,
  Timestamp,
  UUID,
  type Db,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// Documents are stored in their exact BSON types (manual "BSON Types"): reading back with
// promotion disabled shows the same types, while queries compare numbers across types
// ("Comparison/Sort Order": numeric types are compared by value).

const context = useEmbeddedMongo();
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  // promoteValues: false makes the driver hand back the BSON wrapper of every number.
  client = await new MongoClient(context.server.uri, {
    promoteValues: false,
    promoteLongs: false,
  }).connect();
  db = client.db(uniqueDbName());
});

afterAll(async () => {
  await client.close();
});

describe('BSON type round trip', () => {
  it('when a document holds every common BSON type, then it reads back with the same types and values', async () => {
    const uuid = new UUID();
    const original = {
      _id: new ObjectId(),
      int32: new Int32(7),
      int64: Long.fromString('9007199254740993'),
      smallLong: Long.fromNumber(5),
      integralDouble: new Double(2),
      fraction: new Double(2.5),
      decimal: Decimal128.fromString('10.01'),
      date: new Date('2024-01-02T03:04:05.006Z'),
      uuid,
      bytes: new Binary(Buffer.from([1, 2, 3]), 0),
      ts: new Timestamp({ t: 1700000000, i: 3 }),
      nested: { list: [new Int32(1), Long.fromNumber(2), new Double(3)] },
    };
    await db.collection('types').insertOne(original);
    const read = await db.collection('types').findOne({ _id: original._id });
    expect(read?.int32).toBeInstanceOf(Int32);
    expect(read?.int64).toBeInstanceOf(Long);
    expect((read?.int64 as Long).toString()).toBe('9007199254740993');
    expect(read?.smallLong).toBeInstanceOf(Long);
    expect(read?.integralDouble).toBeInstanceOf(Double);
    expect(read?.fraction).toBeInstanceOf(Double);
    expect((read?.decimal as Decimal128).toString()).toBe('10.01');
    expect(read?.date).toEqual(original.date);
    expect((read?.uuid as Binary).sub_type).toBe(4);
    expect((read?.uuid as Binary).toString('hex')).toBe(uuid.toHexString(false));
    expect((read?.bytes as Binary).sub_type).toBe(0);
    expect((read?.ts as Timestamp).equals(original.ts)).toBe(true);
    const list = (read?.nested as { list: unknown[] }).list;
    expect(list[0]).toBeInstanceOf(Int32);
    expect(list[1]).toBeInstanceOf(Long);
    expect(list[2]).toBeInstanceOf(Double);
  });

  it('when int64 values are compared with plain numbers, then they compare by value', async () => {
    const coll = db.collection<{ _id: number; n: unknown }>('longs');
    await coll.insertMany([
      { _id: 1, n: Long.fromNumber(10) },
      { _id: 2, n: new Int32(5) },
      { _id: 3, n: new Double(7.5) },
    ]);
    const ids = async (filter: object) =>
      (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => Number(d._id));
    expect(await ids({ n: 10 })).toEqual([1]);
    expect(await ids({ n: { $gt: 6 } })).toEqual([1, 3]);
    expect(await ids({ n: { $in: [5, Long.fromNumber(10)] } })).toEqual([1, 2]);
    const sorted = await coll.find({}).sort({ n: -1 }).toArray();
    expect(sorted.map((d) => Number(d._id))).toEqual([1, 3, 2]);
  });

  it('when $inc adds to an int64, then the field stays an int64', async () => {
    // manual $inc: the result keeps the wider of the two numeric types.
    const coll = db.collection<{ _id: number; n: Long | number; other: Long }>('inc');
    await coll.insertOne({ _id: 1, n: Long.fromNumber(41), other: Long.fromNumber(1) });
    await coll.updateOne({ _id: 1 }, { $inc: { n: 1 } });
    const read = await coll.findOne({ _id: 1 });
    expect(read?.n).toBeInstanceOf(Long);
    expect((read?.n as Long).toNumber()).toBe(42);
    expect(read?.other).toBeInstanceOf(Long);
  });

  it('when another field of a document with a large int64 is updated or projected, then the int64 keeps every digit', async () => {
    const coll = db.collection<{ _id: number; big: Long; n?: number }>('precision');
    const big = Long.fromString('9007199254740993'); // 2^53 + 1, not representable as a double
    await coll.insertOne({ _id: 1, big });
    await coll.updateOne({ _id: 1 }, { $set: { n: 1 } });
    expect((await coll.findOne({ _id: 1 }))?.big.toString()).toBe('9007199254740993');
    const projected = await coll.findOne({ _id: 1 }, { projection: { big: 1 } });
    expect(projected?.big.toString()).toBe('9007199254740993');
  });

  it('when $set writes an int64 and a Decimal128, then they are stored in those types', async () => {
    const coll = db.collection<{ _id: number; l?: unknown; d?: unknown }>('set');
    await coll.insertOne({ _id: 1 });
    await coll.updateOne(
      { _id: 1 },
      { $set: { l: Long.fromString('123456789012345'), d: Decimal128.fromString('0.1') } },
    );
    const read = await coll.findOne({ _id: 1 });
    expect((read?.l as Long).toString()).toBe('123456789012345');
    expect(read?.d).toBeInstanceOf(Decimal128);
  });

  it('when a UUID is the filter, then the document stored with it is found', async () => {
    const coll = db.collection('uuid');
    const id = new UUID();
    await coll.insertOne({ _id: id, v: 1 } as never);
    expect(await coll.findOne({ _id: new UUID(id.toHexString()) } as never)).toMatchObject({
      v: new Int32(1),
    });
  });
});
