import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, Document } from 'mongodb';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// $elemMatch, $all, $slice and $pull; documents and expected results are the examples of
// the manual pages named in each test.

const context = useDriverClient();
let db: Db;
let n = 0;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

/** Runs an update document as written (the driver's types reject some valid $pull shapes). */
async function pull(
  coll: { updateOne: (f: Document, u: never) => Promise<unknown> },
  update: Document,
) {
  return coll.updateOne({ _id: 1 }, update as never);
}

async function collectionWith(docs: ({ _id: number } & Document)[]) {
  const coll = db.collection<{ _id: number } & Document>(`arr${n++}`);
  await coll.insertMany(docs);
  return coll;
}

const schools = [
  {
    _id: 1,
    zipcode: '63109',
    students: [
      { name: 'john', school: 102, age: 10 },
      { name: 'jess', school: 102, age: 11 },
      { name: 'jeff', school: 108, age: 15 },
    ],
  },
  {
    _id: 2,
    zipcode: '63110',
    students: [
      { name: 'ajax', school: 100, age: 7 },
      { name: 'achilles', school: 100, age: 8 },
    ],
  },
  {
    _id: 3,
    zipcode: '63109',
    students: [
      { name: 'ajax', school: 100, age: 7 },
      { name: 'achilles', school: 100, age: 8 },
    ],
  },
  {
    _id: 4,
    zipcode: '63109',
    students: [
      { name: 'barney', school: 102, age: 7 },
      { name: 'ruth', school: 102, age: 16 },
    ],
  },
];

describe('$elemMatch', () => {
  it('when the conditions are operators on the element itself, then an element must satisfy all of them (manual "$elemMatch (query)")', async () => {
    const coll = await collectionWith([
      { _id: 1, results: [82, 85, 88] },
      { _id: 2, results: [75, 88, 89] },
    ]);
    const found = await coll.find({ results: { $elemMatch: { $gte: 80, $lt: 85 } } }).toArray();
    expect(found).toEqual([{ _id: 1, results: [82, 85, 88] }]);
  });

  it('when a projection uses $elemMatch on documents, then only the first match is returned (manual "$elemMatch (projection)")', async () => {
    const coll = await collectionWith(schools);
    const found = await coll
      .find({ zipcode: '63109' }, { projection: { students: { $elemMatch: { school: 102 } } } })
      .toArray();
    expect(found).toEqual([
      { _id: 1, students: [{ name: 'john', school: 102, age: 10 }] },
      { _id: 3 },
      { _id: 4, students: [{ name: 'barney', school: 102, age: 7 }] },
    ]);
  });

  it('when a projection $elemMatch holds $in on the element, then the first element in the list is returned', async () => {
    const coll = await collectionWith([{ _id: 1, scores: [82, 85, 88] }]);
    const found = await coll
      .find({}, { projection: { scores: { $elemMatch: { $in: [88, 85] } } } })
      .toArray();
    expect(found).toEqual([{ _id: 1, scores: [85] }]);
  });

  it('when $elemMatch is projected with other fields, then it comes after the other included fields (manual, 4.4+)', async () => {
    const coll = await collectionWith([
      {
        _id: 1,
        name: 'player1',
        games: [
          { game: 'abc', score: 8 },
          { game: 'xyz', score: 5 },
        ],
        joined: new Date('2020-01-01'),
        lastLogin: new Date('2020-05-01'),
      },
    ]);
    const [doc] = await coll
      .find(
        {},
        { projection: { games: { $elemMatch: { score: { $gt: 5 } } }, joined: 1, lastLogin: 1 } },
      )
      .toArray();
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'joined', 'lastLogin', 'games']);
    expect(doc?.games).toEqual([{ game: 'abc', score: 8 }]);
  });
});

describe('$all', () => {
  const inventory = [
    { _id: 1, tags: ['appliance', 'school', 'book'], qty: { num: 50 } },
    { _id: 2, tags: ['school', 'book', 'bag'], qty: { num: 45 } },
    { _id: 3, tags: 'appliance', qty: { num: 50 } },
  ];

  it('when every value is in the array, then the document matches (manual "$all")', async () => {
    const coll = await collectionWith(inventory);
    const found = await coll.find({ tags: { $all: ['appliance', 'school', 'book'] } }).toArray();
    expect(found.map((d) => d._id)).toEqual([1]);
  });

  it('when the field is not an array, then $all with its value matches (manual "Use $all with Non-Array Field")', async () => {
    const coll = await collectionWith(inventory);
    const byNum = await coll.find({ 'qty.num': { $all: [50] } }).toArray();
    expect(byNum.map((d) => d._id)).toEqual([1, 3]);
    const byTag = await coll.find({ tags: { $all: ['appliance'] } }).toArray();
    expect(byTag.map((d) => d._id)).toEqual([1, 3]);
  });

  it('when $all holds regular expressions, then each must match an element, as the equivalent $and does', async () => {
    // manual "$all": "equivalent to an $and operation of the specified values".
    const coll = await collectionWith([
      { _id: 1, strings: ['hello', 'world'] },
      { _id: 2, strings: ['hello'] },
      { _id: 3, strings: 'help' },
    ]);
    const both = await coll.find({ strings: { $all: [/^hel/, /^wor/] } }).toArray();
    expect(both.map((d) => d._id)).toEqual([1]);
    const one = await coll.find({ strings: { $all: [/^hel/] } }).toArray();
    expect(one.map((d) => d._id)).toEqual([1, 2, 3]);
  });

  it('when $all holds $elemMatch conditions, then each must match an element (manual "Use $all with $elemMatch")', async () => {
    const coll = await collectionWith([
      {
        _id: 1,
        qty: [
          { size: 'S', num: 10, color: 'blue' },
          { size: 'M', num: 100, color: 'blue' },
          { size: 'L', num: 100, color: 'green' },
        ],
      },
      { _id: 2, qty: [{ size: 'M', num: 100, color: 'green' }] },
      { _id: 3, qty: [{ size: 'M', num: 45, color: 'green' }] },
    ]);
    const found = await coll
      .find({
        qty: {
          $all: [
            { $elemMatch: { size: 'M', num: { $gt: 50 } } },
            { $elemMatch: { num: 100, color: 'green' } },
          ],
        },
      })
      .toArray();
    expect(found.map((d) => d._id)).toEqual([1, 2]);
  });

  it('when $all is empty, then nothing matches', async () => {
    const coll = await collectionWith(inventory);
    expect(await coll.countDocuments({ tags: { $all: [] } })).toBe(0);
  });
});

describe('$slice projection', () => {
  const socks = {
    _id: 1,
    item: 'socks',
    qty: 100,
    details: { colors: ['blue', 'red'], sizes: ['S', 'M', 'L'] },
  };

  it('when $slice is the only projection, then the other fields are returned too (manual "$slice (projection)")', async () => {
    const coll = await collectionWith([socks]);
    const [doc] = await coll
      .find({}, { projection: { _id: 0, 'details.colors': { $slice: 1 } } })
      .toArray();
    expect(doc).toEqual({
      item: 'socks',
      qty: 100,
      details: { colors: ['blue'], sizes: ['S', 'M', 'L'] },
    });
  });

  it('when $slice is beside an inclusion, then only the included fields and the slice come back', async () => {
    const coll = await collectionWith([socks]);
    const [doc] = await coll
      .find({}, { projection: { qty: 1, 'details.colors': { $slice: 1 } } })
      .toArray();
    expect(doc).toEqual({ _id: 1, qty: 100, details: { colors: ['blue'] } });
  });

  it('when $slice is beside an exclusion, then the other fields stay and the array is sliced', async () => {
    const coll = await collectionWith([socks]);
    const [doc] = await coll
      .find({}, { projection: { qty: 0, 'details.colors': { $slice: -1 } } })
      .toArray();
    expect(doc).toEqual({
      _id: 1,
      item: 'socks',
      details: { colors: ['red'], sizes: ['S', 'M', 'L'] },
    });
  });

  it('when $slice is [skip, limit], then it skips from the start or, when negative, from the end', async () => {
    const comments = Array.from({ length: 30 }, (_, i) => i);
    const coll = await collectionWith([{ _id: 1, comments }]);
    const [fromStart] = await coll
      .find({}, { projection: { comments: { $slice: [20, 10] } } })
      .toArray();
    expect(fromStart?.comments).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    const [fromEnd] = await coll
      .find({}, { projection: { comments: { $slice: [-20, 3] } } })
      .toArray();
    expect(fromEnd?.comments).toEqual([10, 11, 12]);
    const [past] = await coll.find({}, { projection: { comments: { $slice: [40, 3] } } }).toArray();
    expect(past?.comments).toEqual([]);
  });
});

describe('$pull with conditions', () => {
  it('when $pull lists values with $in and a plain value, then those elements go (manual "$pull")', async () => {
    const coll = await collectionWith([
      {
        _id: 1,
        fruits: ['apples', 'pears', 'oranges', 'grapes', 'bananas'],
        vegetables: ['carrots', 'celery', 'squash', 'carrots'],
      },
    ]);
    await pull(coll, { $pull: { fruits: { $in: ['apples', 'oranges'] }, vegetables: 'carrots' } });
    expect(await coll.findOne({ _id: 1 })).toEqual({
      _id: 1,
      fruits: ['pears', 'grapes', 'bananas'],
      vegetables: ['celery', 'squash'],
    });
  });

  it('when $pull has a document condition, then it is a query on each embedded document (manual "$pull")', async () => {
    const coll = await collectionWith([
      {
        _id: 1,
        results: [
          { item: 'A', score: 5 },
          { item: 'B', score: 8, comment: 'extra fields do not matter' },
        ],
      },
    ]);
    await pull(coll, { $pull: { results: { score: 8, item: 'B' } } });
    expect(await coll.findOne({ _id: 1 })).toEqual({
      _id: 1,
      results: [{ item: 'A', score: 5 }],
    });
  });

  it('when $pull uses $elemMatch on nested arrays, then matching documents go (manual "$pull")', async () => {
    const coll = await collectionWith([
      {
        _id: 1,
        results: [
          {
            item: 'A',
            score: 5,
            answers: [
              { q: 1, a: 4 },
              { q: 2, a: 6 },
            ],
          },
          {
            item: 'B',
            score: 8,
            answers: [
              { q: 1, a: 8 },
              { q: 2, a: 9 },
            ],
          },
        ],
      },
    ]);
    await pull(coll, { $pull: { results: { answers: { $elemMatch: { q: 2, a: { $gte: 8 } } } } } });
    const doc = await coll.findOne({ _id: 1 });
    expect(doc?.results.map((r: { item: string }) => r.item)).toEqual(['A']);
  });

  it('when $pull has $or, then elements matching either branch go', async () => {
    const coll = await collectionWith([{ _id: 1, a: [{ x: 1 }, { x: 2 }, { x: 3 }, 4] }]);
    await pull(coll, { $pull: { a: { $or: [{ x: 1 }, { x: 3 }] } } });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, a: [{ x: 2 }, 4] });
  });

  it('when $pull targets a field that is not an array, then it fails with BadValue (2)', async () => {
    const coll = await collectionWith([{ _id: 1, a: 5 }]);
    await expect(pull(coll, { $pull: { a: 5 } })).rejects.toMatchObject({
      code: 2,
      message: 'Cannot apply $pull to a non-array value',
    });
  });
});
