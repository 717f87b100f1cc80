import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// Update operators; each case is an example of the operator's page in the MongoDB manual.

const context = useDriverClient();
let db: Db;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

async function updated(
  name: string,
  doc: object,
  update: object,
  options: object = {},
): Promise<unknown> {
  const coll = db.collection(name);
  await coll.insertOne({ _id: 1, ...doc } as never);
  await coll.updateOne({ _id: 1 } as never, update as never, options);
  return coll.findOne({ _id: 1 } as never);
}

describe('field operators', () => {
  it('when $set, $unset, $inc, $mul, $min, $max and $rename apply, then fields change as documented', async () => {
    const doc = await updated(
      'fields',
      { a: 1, b: 2, c: 5, d: 5, e: 2, f: 'x', g: { h: 1 } },
      {
        $set: { 'g.i': 2 },
        $unset: { b: '' },
        $inc: { a: 2 },
        $min: { c: 3 },
        $max: { d: 9 },
        $mul: { e: 1.5 },
        $rename: { f: 'ff' },
      },
    );
    expect(doc).toEqual({ _id: 1, a: 3, c: 3, d: 9, e: 3, g: { h: 1, i: 2 }, ff: 'x' });
  });

  it('when $currentDate runs, then the field holds a Date', async () => {
    const doc = (await updated('date', {}, { $currentDate: { at: true } })) as { at: unknown };
    expect(doc.at).toBeInstanceOf(Date);
  });
});

describe('array operators', () => {
  it('when $push uses $each with $sort and $slice, then the array is sorted and trimmed', async () => {
    // manual $push example: keep the 3 highest quiz scores.
    const doc = await updated(
      'push',
      {
        quizzes: [
          { wk: 1, score: 10 },
          { wk: 2, score: 8 },
          { wk: 3, score: 5 },
          { wk: 4, score: 6 },
        ],
      },
      {
        $push: {
          quizzes: {
            $each: [
              { wk: 5, score: 8 },
              { wk: 6, score: 7 },
              { wk: 7, score: 6 },
            ],
            $sort: { score: -1 },
            $slice: 3,
          },
        },
      },
    );
    expect(doc).toEqual({
      _id: 1,
      quizzes: [
        { wk: 1, score: 10 },
        { wk: 2, score: 8 },
        { wk: 5, score: 8 },
      ],
    });
  });

  it('when $push uses $position, then the elements are inserted there', async () => {
    const doc = await updated(
      'position',
      { scores: [100] },
      { $push: { scores: { $each: [50, 60, 70], $position: 0 } } },
    );
    expect(doc).toEqual({ _id: 1, scores: [50, 60, 70, 100] });
  });

  it('when $addToSet adds an existing and a new value, then only the new one is appended', async () => {
    const doc = await updated(
      'addtoset',
      { colors: ['blue', 'green'] },
      { $addToSet: { colors: { $each: ['green', 'red'] } } },
    );
    expect(doc).toEqual({ _id: 1, colors: ['blue', 'green', 'red'] });
  });

  it('when $addToSet with $each targets a missing field, then the new array holds each value once', async () => {
    // manual $addToSet: "If the field is absent ... creates an array field with the specified
    // value as its element"; values already in the set are not added again.
    const doc = await updated(
      'addtosetmissing',
      {},
      { $addToSet: { letters: { $each: ['a', 'b', 'a'] } } },
    );
    expect(doc).toEqual({ _id: 1, letters: ['a', 'b'] });
  });

  it('when $pull has a condition, then every matching element is removed', async () => {
    // manual $pull: { $pull: { votes: { $gte: 6 } } }
    const doc = await updated(
      'pull',
      { votes: [3, 5, 6, 7, 7, 8] },
      { $pull: { votes: { $gte: 6 } } },
    );
    expect(doc).toEqual({ _id: 1, votes: [3, 5] });
  });

  it('when $pull matches embedded documents by a field condition, then those documents are removed', async () => {
    const doc = await updated(
      'pulldocs',
      {
        results: [
          { item: 'A', score: 5 },
          { item: 'B', score: 8 },
          { item: 'C', score: 3 },
        ],
      },
      { $pull: { results: { score: { $lt: 6 } } } },
    );
    expect(doc).toEqual({ _id: 1, results: [{ item: 'B', score: 8 }] });
  });

  it('when $pop and $pullAll run, then the first element and the listed values go', async () => {
    const doc = await updated(
      'pop',
      { a: [1, 2, 3], b: [0, 5, 5, 1, 0] },
      { $pop: { a: -1 }, $pullAll: { b: [0, 5] } },
    );
    expect(doc).toEqual({ _id: 1, a: [2, 3], b: [1] });
  });

  it('when the positional $ is used, then the first element matched by the query is updated', async () => {
    // manual "$ (update)": db.students.updateOne({ _id: 1, grades: 80 }, { $set: { "grades.$": 82 } })
    const coll = db.collection('positional');
    await coll.insertOne({ _id: 1, grades: [85, 80, 80] } as never);
    await coll.updateOne({ _id: 1, grades: 80 } as never, { $set: { 'grades.$': 82 } });
    expect(await coll.findOne({ _id: 1 } as never)).toEqual({ _id: 1, grades: [85, 82, 80] });
  });

  it('when $[] is used, then every element is updated', async () => {
    // manual "$[]": { $inc: { "grades.$[]": 10 } }
    const doc = await updated(
      'allpositional',
      { grades: [85, 82, 80] },
      { $inc: { 'grades.$[]': 10 } },
    );
    expect(doc).toEqual({ _id: 1, grades: [95, 92, 90] });
  });

  it('when $[<identifier>] is used with arrayFilters, then only the filtered elements are updated', async () => {
    // manual "$[<identifier>]": set grades >= 100 to 100.
    const doc = await updated(
      'filtered',
      { grades: [95, 102, 90, 150] },
      { $set: { 'grades.$[element]': 100 } },
      { arrayFilters: [{ element: { $gte: 100 } }] },
    );
    expect(doc).toEqual({ _id: 1, grades: [95, 100, 90, 100] });
  });

  it('when arrayFilters select embedded documents, then their fields are updated', async () => {
    const doc = await updated(
      'filtereddocs',
      {
        grades: [
          { grade: 80, mean: 75 },
          { grade: 85, mean: 90 },
          { grade: 85, mean: 85 },
        ],
      },
      { $set: { 'grades.$[elem].mean': 100 } },
      { arrayFilters: [{ 'elem.grade': { $gte: 85 } }] },
    );
    expect(doc).toEqual({
      _id: 1,
      grades: [
        { grade: 80, mean: 75 },
        { grade: 85, mean: 100 },
        { grade: 85, mean: 100 },
      ],
    });
  });
});

describe('positional projection and joins', () => {
  it('when a projection uses the positional $, then only the first element matched by the query is returned', async () => {
    // manual "$ (projection)": db.students.find({ semester: 1, grades: { $gte: 85 } }, { "grades.$": 1 })
    const coll = db.collection('students');
    await coll.insertMany([
      { _id: 1, semester: 1, grades: [70, 87, 90] },
      { _id: 2, semester: 1, grades: [90, 88, 92] },
      { _id: 3, semester: 1, grades: [85, 100, 90] },
      { _id: 4, semester: 2, grades: [79, 85, 80] },
    ] as never[]);
    const found = await coll
      .find({ semester: 1, grades: { $gte: 85 } }, { projection: { 'grades.$': 1 } })
      .toArray();
    expect(found).toEqual([
      { _id: 1, grades: [87] },
      { _id: 2, grades: [90] },
      { _id: 3, grades: [85] },
    ]);
  });

  it('when $lookup uses let and a pipeline, then the sub-pipeline filters the joined documents', async () => {
    // manual $lookup "Correlated Subqueries Using Concise Syntax" (simplified).
    await db.collection('restaurants').insertMany([
      { _id: 1, name: 'American Steak House', beverages: ['water', 'soda'] },
      { _id: 2, name: 'Honest John Pizza', beverages: ['soda', 'beer'] },
    ] as never[]);
    await db.collection('drinkorders').insertMany([
      { _id: 1, item: 'filet', drink: 'soda' },
      { _id: 2, item: 'cheese pizza', drink: 'beer' },
    ] as never[]);
    const joined = await db
      .collection('drinkorders')
      .aggregate([
        {
          $lookup: {
            from: 'restaurants',
            let: { drink: '$drink' },
            pipeline: [
              { $match: { $expr: { $in: ['$$drink', '$beverages'] } } },
              { $project: { _id: 0, name: 1 } },
            ],
            as: 'places',
          },
        },
        { $project: { _id: 1, places: '$places.name' } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 1, places: ['American Steak House', 'Honest John Pizza'] },
      { _id: 2, places: ['Honest John Pizza'] },
    ]);
  });
});

describe('update forms', () => {
  it('when an update is a pipeline, then its stages compute the new fields', async () => {
    const doc = await updated('pipeline', { a: 2, b: 3 }, [
      { $set: { sum: { $add: ['$a', '$b'] } } },
      { $unset: 'b' },
    ]);
    expect(doc).toEqual({ _id: 1, a: 2, sum: 5 });
  });

  it('when an unknown update operator is used, then the update fails with FailedToParse (9)', async () => {
    const coll = db.collection('unknownop');
    await coll.insertOne({ _id: 1 } as never);
    await expect(
      coll.updateOne({ _id: 1 } as never, { $frob: { a: 1 } } as never),
    ).rejects.toMatchObject({
      code: 9,
      message:
        'Unknown modifier: $frob. Expected a valid update modifier or pipeline-style update specified as an array',
    });
  });

  it('when two operators update the same path, then the update fails with ConflictingUpdateOperators (40)', async () => {
    const coll = db.collection('conflict');
    await coll.insertOne({ _id: 1, a: 1 } as never);
    await expect(
      coll.updateOne({ _id: 1 } as never, { $set: { a: 2 }, $inc: { a: 1 } }),
    ).rejects.toMatchObject({
      code: 40,
      message: "Updating the path 'a' would create a conflict at 'a'",
    });
    await expect(
      coll.updateOne(
        { _id: 2 } as never,
        { $set: { a: 2 }, $setOnInsert: { a: 3 } },
        { upsert: true },
      ),
    ).rejects.toMatchObject({ code: 40 });
  });

  it('when an update adds several fields, then they follow the existing ones in lexicographic order', async () => {
    // manual "Update Operators > Behavior": since 5.0 fields are processed in lexicographic order.
    const doc = await updated('order', { z: 0 }, { $set: { c: 1, a: 1 }, $inc: { b: 1 } });
    expect(Object.keys(doc as object)).toEqual(['_id', 'z', 'a', 'b', 'c']);
  });

  it('when an upsert filter has equality and operator conditions, then only the equalities seed the document', async () => {
    // manual "Upsert with Operator Expressions": fields from equality conditions are inserted.
    const coll = db.collection('seed');
    await coll.updateOne(
      { name: 'x', 'meta.kind': 'k', n: { $gt: 5 } },
      { $set: { v: 1 } },
      { upsert: true },
    );
    expect(await coll.findOne({ name: 'x' }, { projection: { _id: 0 } })).toEqual({
      name: 'x',
      meta: { kind: 'k' },
      v: 1,
    });
  });
});
