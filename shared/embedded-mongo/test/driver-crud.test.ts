import { Long, ObjectId, type Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// CRUD through the official driver; expected values follow the MongoDB manual pages
// named in each test.

const context = useDriverClient();
let db: Db;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

describe('inserts', () => {
  it('when a document has no _id, then the server stores an ObjectId _id as its first field', async () => {
    // manual "Documents > Field Order": _id is always the first field.
    await db.collection('fieldorder').insertOne({ a: 1, b: 2 });
    const raw = await db.collection('fieldorder').findOne({ a: 1 });
    expect(Object.keys(raw ?? {})).toEqual(['_id', 'a', 'b']);
    expect(raw?._id).toBeInstanceOf(ObjectId);
  });

  it('when an _id is given later in the document, then it is moved to the front', async () => {
    await db.collection('fieldorder').insertOne({ z: 1, _id: 'given' } as never);
    const raw = await db.collection('fieldorder').findOne({ _id: 'given' } as never);
    expect(Object.keys(raw ?? {})).toEqual(['_id', 'z']);
  });

  it('when an ordered insert hits a duplicate _id, then insertedCount counts the documents before it', async () => {
    const coll = db.collection<{ _id: number }>('ordered');
    const error = await coll
      .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }])
      .catch((e: unknown) => e);
    // manual insertMany: "With ordered to true ... the remaining documents are not inserted"
    expect(error).toMatchObject({ code: 11000, insertedCount: 2 });
    expect(await coll.countDocuments()).toBe(2);
  });

  it('when an unordered insert hits duplicates, then every other document is inserted and each error has its index', async () => {
    const coll = db.collection<{ _id: number }>('unordered');
    const error = (await coll
      .insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }], { ordered: false })
      .catch((e: unknown) => e)) as {
      insertedCount: number;
      writeErrors: { index: number; code: number }[];
    };
    expect(error.insertedCount).toBe(3);
    expect(error.writeErrors.map((w) => [w.index, w.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
  });
});

describe('queries', () => {
  beforeAll(async () => {
    await db.collection('inventory').insertMany([
      {
        _id: 1,
        item: 'journal',
        qty: 25,
        tags: ['blank', 'red'],
        size: { h: 14, w: 21 },
        status: 'A',
      },
      {
        _id: 2,
        item: 'notebook',
        qty: 50,
        tags: ['red', 'blank'],
        size: { h: 8.5, w: 11 },
        status: 'A',
      },
      {
        _id: 3,
        item: 'paper',
        qty: 100,
        tags: ['red', 'blank', 'plain'],
        size: { h: 8.5, w: 11 },
        status: 'D',
      },
      {
        _id: 4,
        item: 'planner',
        qty: 75,
        tags: ['blank', 'red'],
        size: { h: 22.85, w: 30 },
        status: 'D',
      },
      { _id: 5, item: 'postcard', qty: 45, tags: ['blue'], size: { h: 10, w: 15.25 }, status: 'A' },
    ] as never[]);
  });

  const items = async (filter: object, sort: object = { _id: 1 }) =>
    (
      await db
        .collection('inventory')
        .find(filter)
        .sort(sort as never)
        .toArray()
    ).map((d) => d.item as string);

  it('when filtering by equality, comparison and $in, then the documented matches come back', async () => {
    // manual "Query Documents" examples on the inventory collection.
    expect(await items({ status: 'D' })).toEqual(['paper', 'planner']);
    expect(await items({ status: { $in: ['A', 'D'] }, qty: { $lt: 30 } })).toEqual(['journal']);
    expect(await items({ $or: [{ status: 'A' }, { qty: { $lt: 30 } }] })).toEqual([
      'journal',
      'notebook',
      'postcard',
    ]);
    expect(await items({ 'size.h': { $lt: 15 } })).toEqual([
      'journal',
      'notebook',
      'paper',
      'postcard',
    ]);
  });

  it('when matching an embedded document exactly, then the whole document, field order included, must be equal', async () => {
    // manual "Query on Embedded Documents": "Equality matches on the whole embedded document
    // require an exact match ... including the field order" — { w: 21, h: 14 } does not match.
    expect(await items({ size: { h: 14, w: 21 } })).toEqual(['journal']);
    expect(await items({ size: { w: 21, h: 14 } })).toEqual([]);
    expect(
      await items({
        size: {
          $in: [
            { w: 21, h: 14 },
            { h: 10, w: 15.25 },
          ],
        },
      }),
    ).toEqual(['postcard']);
    expect(await items({ size: { h: 14 } })).toEqual([]);
  });

  it('when querying arrays with exact match, element match, $all and $size, then results follow the manual', async () => {
    // manual "Query an Array"
    expect(await items({ tags: ['red', 'blank'] })).toEqual(['notebook']);
    expect(await items({ tags: { $all: ['red', 'blank'] } })).toEqual([
      'journal',
      'notebook',
      'paper',
      'planner',
    ]);
    expect(await items({ tags: 'red' })).toEqual(['journal', 'notebook', 'paper', 'planner']);
    expect(await items({ tags: { $size: 3 } })).toEqual(['paper']);
  });

  it('when $elemMatch combines operators, then one element must satisfy all of them', async () => {
    const coll = db.collection('elemmatch');
    await coll.insertMany([
      { _id: 1, results: [82, 85, 88] },
      { _id: 2, results: [75, 88, 89] },
    ] as never[]);
    // manual $elemMatch: { results: { $elemMatch: { $gte: 80, $lt: 85 } } } matches only _id 1.
    const found = await coll.find({ results: { $elemMatch: { $gte: 80, $lt: 85 } } }).toArray();
    expect(found.map((d) => d._id)).toEqual([1]);
  });

  it('when $type selects by BSON type, then only values of that type match', async () => {
    const coll = db.collection('types');
    await coll.insertMany([
      { _id: 1, v: 'text' },
      { _id: 2, v: 42 },
      { _id: 3, v: new Long(7) },
      { _id: 4, v: null },
    ] as never[]);
    expect((await coll.find({ v: { $type: 'string' } }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await coll.find({ v: { $type: 'null' } }).toArray()).map((d) => d._id)).toEqual([4]);
    // manual $type: "number" matches int, long, double and decimal.
    expect((await coll.find({ v: { $type: 'number' } }).toArray()).map((d) => d._id)).toEqual([
      2, 3,
    ]);
  });

  it('when a query matches null, then missing fields match too', async () => {
    const coll = db.collection('nulls');
    await coll.insertMany([{ _id: 1, item: null }, { _id: 2 }] as never[]);
    // manual "Query for Null or Missing Fields"
    expect((await coll.find({ item: null }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    expect((await coll.find({ item: { $exists: false } }).toArray()).map((d) => d._id)).toEqual([
      2,
    ]);
  });

  it('when sorting descending with skip and limit, then the page is taken after sorting', async () => {
    const found = await db
      .collection('inventory')
      .find({})
      .sort({ qty: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(found.map((d) => d.qty)).toEqual([75, 50]);
  });

  it("when sorting values of different BSON types, then MongoDB's comparison order applies", async () => {
    // manual "Comparison/Sort Order": null (and missing) < numbers < strings < objects
    // < arrays < ObjectId < booleans < dates; an ascending sort on an array uses its
    // smallest element, a descending sort its largest.
    const coll = db.collection<{ _id: number; v?: unknown }>('mixed');
    await coll.insertMany([
      { _id: 1, v: 'b' },
      { _id: 2, v: 3 },
      { _id: 3 },
      { _id: 4, v: null },
      { _id: 5, v: { a: 1 } },
      { _id: 6, v: [5, 1] },
      { _id: 7, v: true },
      { _id: 8, v: new Date(0) },
      { _id: 9, v: new ObjectId() },
    ]);
    const order = async (direction: 1 | -1) =>
      (await coll.find({}).sort({ v: direction, _id: 1 }).toArray()).map((d) => d._id);
    expect(await order(1)).toEqual([3, 4, 6, 2, 1, 5, 9, 7, 8]);
    expect(await order(-1)).toEqual([8, 7, 9, 5, 1, 6, 2, 3, 4]);
  });

  it('when sorting by $natural, then documents come in insertion order or its reverse', async () => {
    const found = await db
      .collection('inventory')
      .find({})
      .sort({ $natural: -1 })
      .limit(2)
      .toArray();
    expect(found.map((d) => d.item)).toEqual(['postcard', 'planner']);
  });

  it('when projecting with inclusion or exclusion, then _id is kept unless excluded', async () => {
    const coll = db.collection('inventory');
    expect(await coll.findOne({ _id: 1 } as never, { projection: { item: 1, status: 1 } })).toEqual(
      {
        _id: 1,
        item: 'journal',
        status: 'A',
      },
    );
    expect(await coll.findOne({ _id: 1 } as never, { projection: { item: 1, _id: 0 } })).toEqual({
      item: 'journal',
    });
    expect(
      await coll.findOne({ _id: 5 } as never, { projection: { tags: 0, size: 0, qty: 0 } }),
    ).toEqual({
      _id: 5,
      item: 'postcard',
      status: 'A',
    });
    expect(await coll.findOne({ _id: 1 } as never, { projection: { 'size.h': 1 } })).toEqual({
      _id: 1,
      size: { h: 14 },
    });
  });

  it('when a projection uses $slice and $elemMatch, then only the selected array elements come back', async () => {
    const coll = db.collection('inventory');
    // manual "Project Fields": { tags: { $slice: -1 } } returns the last element.
    expect(
      await coll.findOne({ _id: 3 } as never, { projection: { tags: { $slice: -1 }, item: 1 } }),
    ).toEqual({
      _id: 3,
      item: 'paper',
      tags: ['plain'],
    });
    expect(
      await coll.findOne({ _id: 3 } as never, {
        projection: { tags: { $slice: [1, 1] }, _id: 0, item: 1 },
      }),
    ).toEqual({
      item: 'paper',
      tags: ['blank'],
    });
    const scores = db.collection('schools');
    await scores.insertOne({
      _id: 1,
      zipcode: '63109',
      students: [
        { name: 'john', school: 102, age: 10 },
        { name: 'jess', school: 102, age: 11 },
        { name: 'jeff', school: 108, age: 15 },
      ],
    } as never);
    // manual $elemMatch (projection): only the first matching element is returned.
    expect(
      await scores.findOne(
        { zipcode: '63109' },
        { projection: { students: { $elemMatch: { school: 102 } } } },
      ),
    ).toEqual({ _id: 1, students: [{ name: 'john', school: 102, age: 10 }] });
  });

  it('when a result exceeds the batch size, then getMore fetches the rest and the cursor id is an int64', async () => {
    const coll = db.collection('many');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const cursor = coll.find({}, { batchSize: 10 });
    const first = await cursor.next();
    expect(first?.i).toBe(0);
    expect(cursor.id).toBeInstanceOf(Long);
    expect(cursor.id?.isZero()).toBe(false);
    expect([first, ...(await cursor.toArray())].map((d) => d?.i)).toEqual(
      Array.from({ length: 250 }, (_, i) => i),
    );
  });

  it('when a cursor is closed early, then killCursors releases it and a later getMore fails with CursorNotFound', async () => {
    const result = await db.command({ find: 'many', batchSize: 2 });
    const id = result.cursor.id as Long;
    const killed = await db.command({ killCursors: 'many', cursors: [id] });
    expect(killed.cursorsKilled).toEqual([id]);
    const error = await db.command({ getMore: id, collection: 'many' }).catch((e: unknown) => e);
    // manual error codes: 43 CursorNotFound
    expect(error).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('when count and distinct run, then they report the manual results', async () => {
    expect(await db.collection('inventory').countDocuments({ status: 'A' })).toBe(3);
    expect((await db.collection('inventory').distinct('tags')).sort()).toEqual([
      'blank',
      'blue',
      'plain',
      'red',
    ]);
    expect(await db.command({ count: 'inventory', query: { status: 'D' } })).toMatchObject({
      n: 2,
      ok: 1,
    });
  });
});

describe('projections', () => {
  it('when a projection includes or excludes embedded fields, then the stored document keeps all of them', async () => {
    const coll = db.collection('projection-keeps');
    await coll.insertOne({ _id: 1, size: { h: 14, w: 21 }, tags: [{ k: 1 }, { k: 2 }] } as never);
    expect(await coll.findOne({ _id: 1 } as never, { projection: { 'size.h': 0 } })).toEqual({
      _id: 1,
      size: { w: 21 },
      tags: [{ k: 1 }, { k: 2 }],
    });
    await coll.findOne({ _id: 1 } as never, { projection: { 'size.w': 1, 'tags.k': 1 } });
    await coll.findOne({ 'tags.k': 2 } as never, { projection: { 'tags.$': 1 } });

    expect(await coll.findOne({ _id: 1 } as never)).toEqual({
      _id: 1,
      size: { h: 14, w: 21 },
      tags: [{ k: 1 }, { k: 2 }],
    });
    expect(await coll.countDocuments({ 'size.h': 14 })).toBe(1);
  });
});

describe('updates and deletes', () => {
  it('when updateOne matches nothing and upsert is false, then nothing is inserted', async () => {
    const coll = db.collection('upd');
    const result = await coll.updateOne({ k: 'missing' }, { $set: { v: 1 } });
    expect(result).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
    expect(await coll.countDocuments()).toBe(0);
  });

  it('when an update sets a field to its current value, then it matches but modifies nothing', async () => {
    const coll = db.collection('upd');
    await coll.insertOne({ k: 'same', v: 1 });
    // manual updateOne: nModified counts documents actually changed.
    expect(await coll.updateOne({ k: 'same' }, { $set: { v: 1 } })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 0,
    });
  });

  it('when replaceOne replaces a document, then _id is kept and other fields are replaced', async () => {
    const coll = db.collection('upd');
    const { insertedId } = await coll.insertOne({ k: 'replace', a: 1, b: 2 });
    await coll.replaceOne({ _id: insertedId }, { k: 'replace', c: 3 });
    expect(await coll.findOne({ _id: insertedId })).toEqual({
      _id: insertedId,
      k: 'replace',
      c: 3,
    });
  });

  it('when an upsert replacement filters on _id, then the new document takes that _id', async () => {
    const coll = db.collection('upd');
    const result = await coll.replaceOne({ _id: 'chosen' } as never, { v: 9 }, { upsert: true });
    expect(result.upsertedId).toBe('chosen');
    expect(await coll.findOne({ _id: 'chosen' } as never)).toEqual({ _id: 'chosen', v: 9 });
  });

  it('when an update document mixes operators and plain fields, then it fails with FailedToParse', async () => {
    const error = await db
      .command({ update: 'upd', updates: [{ q: {}, u: { $set: { a: 1 }, b: 2 } }] })
      .then((r) => r.writeErrors?.[0]);
    expect(error).toMatchObject({ code: 9 });
  });

  it('when findOneAndDelete runs with a sort, then the first document in that order is removed and returned', async () => {
    const coll = db.collection<{ _id: number; p: number }>('fod');
    await coll.insertMany([
      { _id: 1, p: 5 },
      { _id: 2, p: 1 },
      { _id: 3, p: 3 },
    ]);
    expect(await coll.findOneAndDelete({}, { sort: { p: 1 } })).toEqual({ _id: 2, p: 1 });
    expect(await coll.countDocuments()).toBe(2);
  });

  it('when findOneAndUpdate upserts with returnDocument after, then the created document is returned', async () => {
    const coll = db.collection('fau');
    const created = await coll.findOneAndUpdate(
      { name: 'counter' },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(created).toEqual({ name: 'counter', seq: 1 });
    const before = await coll.findOneAndUpdate(
      { name: 'counter' },
      { $inc: { seq: 1 } },
      { includeResultMetadata: true },
    );
    expect(before).toMatchObject({
      value: { name: 'counter', seq: 1 },
      lastErrorObject: { n: 1, updatedExisting: true },
    });
  });
});
