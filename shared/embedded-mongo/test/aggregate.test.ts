import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// Aggregation stages; data and expected output follow the examples on each stage's page
// in the MongoDB manual.

const context = useDriverClient();
let db: Db;

beforeAll(async () => {
  db = context.client.db(uniqueDbName());
  await db
    .collection('orders')
    .insertMany([
      { _id: 1, item: 'almonds', price: 12, quantity: 2 },
      { _id: 2, item: 'pecans', price: 20, quantity: 1 },
      { _id: 3 },
    ] as never[]);
  await db
    .collection('inventory')
    .insertMany([
      { _id: 1, sku: 'almonds', description: 'product 1', instock: 120 },
      { _id: 2, sku: 'bread', description: 'product 2', instock: 80 },
      { _id: 3, sku: 'cashews', description: 'product 3', instock: 60 },
      { _id: 4, sku: 'pecans', description: 'product 4', instock: 70 },
      { _id: 5, sku: null, description: 'Incomplete' },
      { _id: 6 },
    ] as never[]);
  await db.collection('sales').insertMany([
    { _id: 1, item: 'abc', price: 10, quantity: 2, tags: ['a', 'b'] },
    { _id: 2, item: 'jkl', price: 20, quantity: 1, tags: ['b'] },
    { _id: 3, item: 'xyz', price: 5, quantity: 10, tags: [] },
    { _id: 4, item: 'xyz', price: 5, quantity: 20, tags: ['a'] },
    { _id: 5, item: 'abc', price: 10, quantity: 10 },
  ] as never[]);
});

const run = (coll: string, pipeline: object[]) => db.collection(coll).aggregate(pipeline).toArray();

describe('aggregation stages', () => {
  it('when $lookup joins on equality, then a missing local field matches documents whose field is null or missing', async () => {
    // manual $lookup "Perform a Single Equality Join": order 3 joins inventory 5 and 6.
    const joined = await run('orders', [
      {
        $lookup: {
          from: 'inventory',
          localField: 'item',
          foreignField: 'sku',
          as: 'inventory_docs',
        },
      },
      { $project: { ids: '$inventory_docs._id' } },
    ]);
    expect(joined).toEqual([
      { _id: 1, ids: [1] },
      { _id: 2, ids: [4] },
      { _id: 3, ids: [5, 6] },
    ]);
  });

  it('when $group sums per key and $sort orders the groups, then totals are per item', async () => {
    const groups = await run('sales', [
      {
        $group: {
          _id: '$item',
          total: { $sum: { $multiply: ['$price', '$quantity'] } },
          n: { $sum: 1 },
        },
      },
      { $sort: { total: -1, _id: 1 } },
    ]);
    expect(groups).toEqual([
      { _id: 'xyz', total: 150, n: 2 },
      { _id: 'abc', total: 120, n: 2 },
      { _id: 'jkl', total: 20, n: 1 },
    ]);
  });

  it('when $unwind meets an empty or missing array, then those documents are dropped unless preserved', async () => {
    // manual $unwind: documents with empty/missing arrays produce no output by default.
    const unwound = await run('sales', [{ $unwind: '$tags' }, { $project: { _id: 1, tags: 1 } }]);
    expect(unwound).toEqual([
      { _id: 1, tags: 'a' },
      { _id: 1, tags: 'b' },
      { _id: 2, tags: 'b' },
      { _id: 4, tags: 'a' },
    ]);
    const preserved = await run('sales', [
      { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } },
      { $count: 'n' },
    ]);
    expect(preserved).toEqual([{ n: 6 }]);
  });

  it('when $match, $skip, $limit and $count are chained, then the count is of the remaining documents', async () => {
    expect(
      await run('sales', [
        { $match: { price: { $gte: 10 } } },
        { $skip: 1 },
        { $limit: 5 },
        { $count: 'left' },
      ]),
    ).toEqual([{ left: 2 }]);
  });

  it('when $facet runs sub-pipelines, then each facet holds its own result', async () => {
    const [result] = await run('sales', [
      {
        $facet: {
          cheap: [{ $match: { price: { $lt: 10 } } }, { $count: 'n' }],
          items: [{ $group: { _id: '$item' } }, { $sort: { _id: 1 } }],
        },
      },
    ]);
    expect(result).toEqual({
      cheap: [{ n: 2 }],
      items: [{ _id: 'abc' }, { _id: 'jkl' }, { _id: 'xyz' }],
    });
  });

  it('when an aggregate result exceeds the batch size, then the cursor returns all documents', async () => {
    await db.collection('big').insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const all = await db
      .collection('big')
      .aggregate([{ $sort: { i: -1 } }], { batchSize: 50 })
      .toArray();
    expect(all).toHaveLength(300);
    expect(all[0]?.i).toBe(299);
  });

  it('when aggregate has no cursor option, then it fails as the manual says the option is required', async () => {
    await expect(db.command({ aggregate: 'sales', pipeline: [] })).rejects.toMatchObject({
      code: 9,
    });
  });
  it('when stages write into embedded documents and array elements, then the stored documents stay unchanged', async () => {
    const shapes = db.collection('shapes');
    await shapes.insertMany([
      { _id: 1, size: { w: 2 }, parts: [{ k: 1 }] },
      { _id: 2, size: { w: 3 }, parts: [{ k: 2 }] },
    ] as never[]);
    await shapes.aggregate([{ $set: { 'size.h': 5 } }]).toArray();
    await shapes.aggregate([{ $match: { _id: 1 } }, { $set: { 'size.d': 1 } }]).toArray();
    await shapes.aggregate([{ $unwind: '$parts' }, { $set: { 'parts.v': 9 } }]).toArray();
    await shapes
      .aggregate([
        { $lookup: { from: 'shapes', localField: '_id', foreignField: '_id', as: 'self' } },
        { $unwind: '$self' },
        { $set: { 'self.size.x': 1 } },
      ])
      .toArray();

    expect(await shapes.find({}).toArray()).toEqual([
      { _id: 1, size: { w: 2 }, parts: [{ k: 1 }] },
      { _id: 2, size: { w: 3 }, parts: [{ k: 2 }] },
    ]);
    expect(await shapes.countDocuments({ 'size.h': 5 })).toBe(0);
  });
});
