import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, Document } from 'mongodb';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// MongoDB's rule for update paths: two paths conflict when one is a prefix of the other
// (field by field), first as written, with `$`, `$[]` and `$[id]` compared literally
// ("Updating the path 'a.b' would create a conflict at 'a'"), then once more after they
// resolved to array elements ("Update created a conflict at 'a.0.x'"). Both are code 40
// ConflictingUpdateOperators. Each row names the manual page its shape or value comes from.

const manual = 'https://www.mongodb.com/docs/manual/reference';
const src = {
  positional: `${manual}/operator/update/positional/`,
  all: `${manual}/operator/update/positional-all/`,
  filtered: `${manual}/operator/update/positional-filtered/`,
  set: `${manual}/operator/update/set/`,
  unset: `${manual}/operator/update/unset/`,
  inc: `${manual}/operator/update/inc/`,
  push: `${manual}/operator/update/push/`,
  pull: `${manual}/operator/update/pull/`,
  addToSet: `${manual}/operator/update/addToSet/`,
  rename: `${manual}/operator/update/rename/`,
  setOnInsert: `${manual}/operator/update/setOnInsert/`,
  currentDate: `${manual}/operator/update/currentDate/`,
  // Code 40 ConflictingUpdateOperators; the wording is the server's.
  errors: `${manual}/error-codes/`,
};

const at = new Date('2024-01-01T00:00:00Z');

interface Row {
  name: string;
  source: string;
  doc: Document;
  filter?: Document;
  update: Document;
  arrayFilters?: Document[];
  /** The document afterwards, or the error message (code 40) for a refused pair. */
  expected: Document | string;
}

const rows: Row[] = [
  // --- accepted: no path is a prefix of another -----------------------------------------
  {
    name: 'two fields of the element matched by $ (mongoose timestamps on a subdocument)',
    source: src.positional,
    doc: { children: [{ name: 'foo' }, { name: 'baz' }] },
    filter: { 'children.name': 'baz' },
    update: { $set: { 'children.$.name': 'bar', 'children.$.updatedAt': at } },
    expected: { children: [{ name: 'foo' }, { name: 'bar', updatedAt: at }] },
  },
  {
    name: 'the manual example: grades.$.std with a filter on grades.grade',
    source: src.positional,
    doc: {
      grades: [
        { grade: 80, mean: 75, std: 8 },
        { grade: 85, mean: 90, std: 5 },
      ],
    },
    filter: { 'grades.grade': 85 },
    update: { $set: { 'grades.$.std': 6 } },
    expected: {
      grades: [
        { grade: 80, mean: 75, std: 8 },
        { grade: 85, mean: 90, std: 6 },
      ],
    },
  },
  {
    name: '$addToSet on comments.$ beside $set of the same element',
    source: src.addToSet,
    doc: { comments: [{ text: 'a', tags: ['x'] }] },
    filter: { 'comments.text': 'a' },
    update: { $addToSet: { 'comments.$.tags': 'y' }, $set: { 'comments.$.updatedAt': at } },
    expected: { comments: [{ text: 'a', tags: ['x', 'y'], updatedAt: at }] },
  },
  {
    name: 'array filters beside timestamps on the element and the document',
    source: src.filtered,
    doc: { items: [{ sku: 'a' }, { sku: 'b' }] },
    update: { $set: { 'items.$[i].qty': 2, 'items.$[i].updatedAt': at, updatedAt: at } },
    arrayFilters: [{ 'i.sku': 'b' }],
    expected: { items: [{ sku: 'a' }, { sku: 'b', qty: 2, updatedAt: at }], updatedAt: at },
  },
  {
    name: 'the manual example: $inc grades.$[].std',
    source: src.all,
    doc: { grades: [{ std: 6 }, { std: 8 }] },
    update: { $inc: { 'grades.$[].std': -2 } },
    expected: { grades: [{ std: 4 }, { std: 6 }] },
  },
  {
    name: 'the manual example: grades.$[elem].mean with elem.grade >= 85',
    source: src.filtered,
    doc: {
      grades: [
        { grade: 80, mean: 75 },
        { grade: 85, mean: 90 },
        { grade: 85, mean: 85 },
      ],
    },
    update: { $set: { 'grades.$[elem].mean': 100 } },
    arrayFilters: [{ 'elem.grade': { $gte: 85 } }],
    expected: {
      grades: [
        { grade: 80, mean: 75 },
        { grade: 85, mean: 100 },
        { grade: 85, mean: 100 },
      ],
    },
  },
  {
    name: 'the manual example: nested arrays grades.$[t].questions.$[score]',
    source: src.filtered,
    doc: {
      grades: [
        { type: 'quiz', questions: [10, 8, 5] },
        { type: 'hw', questions: [8, 9, 6] },
      ],
    },
    update: { $inc: { 'grades.$[t].questions.$[score]': 2 } },
    arrayFilters: [{ 't.type': 'quiz' }, { score: { $gte: 8 } }],
    expected: {
      grades: [
        { type: 'quiz', questions: [12, 10, 5] },
        { type: 'hw', questions: [8, 9, 6] },
      ],
    },
  },
  {
    name: 'the manual example: tags.1 and ratings.0.rating',
    source: src.set,
    doc: { tags: ['apparel', 'clothing'], ratings: [{ by: 'ijk', rating: 4 }] },
    update: { $set: { 'tags.1': 'rain gear', 'ratings.0.rating': 2 } },
    expected: { tags: ['apparel', 'rain gear'], ratings: [{ by: 'ijk', rating: 2 }] },
  },
  {
    name: 'sibling fields of one embedded document',
    source: src.set,
    doc: { details: { make: 'x', model: 'y' } },
    update: { $set: { 'details.make': 'Kustom Kidz' }, $unset: { 'details.model': '' } },
    expected: { details: { make: 'Kustom Kidz' } },
  },
  {
    name: 'a.b and ab are different fields (prefixes are compared field by field)',
    source: src.set,
    doc: { a: { b: 1 }, ab: 1 },
    update: { $set: { ab: 5 }, $inc: { 'a.b': 1 } },
    expected: { a: { b: 2 }, ab: 5 },
  },
  {
    name: 'a.1 and a.10 are different elements',
    source: src.set,
    doc: { a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    update: { $set: { 'a.1': 'one' }, $inc: { 'a.10': 1 } },
    expected: { a: [0, 'one', 2, 3, 4, 5, 6, 7, 8, 9, 11] },
  },
  {
    name: '$inc of the stock beside $push of a hold (stock reservation)',
    source: src.push,
    doc: { stock: 5, holds: [] },
    filter: { stock: { $gte: 2 }, 'holds.orderId': { $ne: 'o1' } },
    update: { $inc: { stock: -2 }, $push: { holds: { orderId: 'o1', quantity: 2 } } },
    expected: { stock: 3, holds: [{ orderId: 'o1', quantity: 2 }] },
  },
  {
    name: '$inc of the stock beside $pull of a hold (release)',
    source: src.pull,
    doc: { stock: 3, holds: [{ orderId: 'o1', quantity: 2 }] },
    filter: { 'holds.orderId': 'o1' },
    update: { $inc: { stock: 2 }, $pull: { holds: { orderId: 'o1' } } },
    expected: { stock: 5, holds: [] },
  },
  {
    name: '$push and $inc on two fields of the element matched by $',
    source: src.positional,
    doc: { lines: [{ sku: 'a', events: [], count: 0 }] },
    filter: { 'lines.sku': 'a' },
    update: { $push: { 'lines.$.events': 'added' }, $inc: { 'lines.$.count': 1 } },
    expected: { lines: [{ sku: 'a', events: ['added'], count: 1 }] },
  },
  {
    name: 'two identifiers that select different elements',
    source: src.filtered,
    doc: { a: [{ k: 1 }, { k: 2 }] },
    update: { $set: { 'a.$[e].x': 'e', 'a.$[f].x': 'f' } },
    arrayFilters: [{ 'e.k': 1 }, { 'f.k': 2 }],
    expected: {
      a: [
        { k: 1, x: 'e' },
        { k: 2, x: 'f' },
      ],
    },
  },
  {
    name: '$currentDate and $set under the element matched by $',
    source: src.currentDate,
    doc: { c: [{ id: 1 }] },
    filter: { 'c.id': 1 },
    update: { $currentDate: { 'c.$.seen': true }, $set: { 'c.$.v': 1 } },
    expected: { c: [{ id: 1, seen: '<date>', v: 1 }] },
  },
  {
    name: '$rename beside an unrelated $set',
    source: src.rename,
    doc: { nmae: 'x' },
    update: { $rename: { nmae: 'name' }, $set: { other: 1 } },
    expected: { name: 'x', other: 1 },
  },
  {
    name: '$setOnInsert beside $set of another field (update of an existing document)',
    source: src.setOnInsert,
    doc: { a: 1 },
    update: { $setOnInsert: { created: at }, $set: { b: 1 } },
    expected: { a: 1, b: 1 },
  },
  {
    name: 'element fields at two depths that do not contain each other',
    source: src.set,
    doc: { a: [{ b: { c: 1 }, d: 1 }] },
    update: { $set: { 'a.0.b.c': 2, 'a.0.d': 2 } },
    expected: { a: [{ b: { c: 2 }, d: 2 }] },
  },
  {
    name: '$[] over an array and $set of a field beside the array',
    source: src.all,
    doc: { a: [1, 2], n: 0 },
    update: { $inc: { 'a.$[]': 1, n: 1 } },
    expected: { a: [2, 3], n: 1 },
  },
  // --- refused as written ---------------------------------------------------------------
  {
    name: 'a and a.b in one $set',
    source: src.errors,
    doc: { a: { b: 1 } },
    update: { $set: { a: 1, 'a.b': 2 } },
    expected: "Updating the path 'a.b' would create a conflict at 'a'",
  },
  {
    name: 'a.b then a in another operator',
    source: src.errors,
    doc: { a: { b: 1 } },
    update: { $set: { 'a.b': 2 }, $inc: { a: 1 } },
    expected: "Updating the path 'a' would create a conflict at 'a'",
  },
  {
    name: '$set and $unset of the same field',
    source: src.unset,
    doc: { a: 1 },
    update: { $set: { a: 1 }, $unset: { a: '' } },
    expected: "Updating the path 'a' would create a conflict at 'a'",
  },
  {
    name: '$push to an array and $set of one of its elements',
    source: src.push,
    doc: { contacts: [[1, 2], '222'] },
    update: { $push: { contacts: '333' }, $set: { 'contacts.0': [1, 2, 3] } },
    expected: "Updating the path 'contacts.0' would create a conflict at 'contacts'",
  },
  {
    name: '$setOnInsert and $inc of the same field, even when nothing is inserted',
    source: src.setOnInsert,
    doc: { counter: 5 },
    update: { $setOnInsert: { counter: 1 }, $inc: { counter: -1 } },
    expected: "Updating the path 'counter' would create a conflict at 'counter'",
  },
  {
    name: '$push and $pull of the same array',
    source: src.pull,
    doc: { a: [1, 2] },
    update: { $push: { a: 3 }, $pull: { a: 2 } },
    expected: "Updating the path 'a' would create a conflict at 'a'",
  },
  {
    name: 'a.b and a.b.c',
    source: src.errors,
    doc: { a: { b: { c: 1 } } },
    update: { $inc: { 'a.b': 1 }, $set: { 'a.b.c': 2 } },
    expected: "Updating the path 'a.b.c' would create a conflict at 'a.b'",
  },
  {
    name: 'the same field of the element matched by $ in two operators',
    source: src.positional,
    doc: { children: [{ n: 1 }] },
    filter: { 'children.n': 1 },
    update: { $set: { 'children.$.n': 2 }, $unset: { 'children.$.n': '' } },
    expected: "Updating the path 'children.$.n' would create a conflict at 'children.$.n'",
  },
  {
    name: 'the element matched by $ and a field inside it',
    source: src.positional,
    doc: { a: [{ x: 1 }] },
    filter: { 'a.x': 1 },
    update: { $set: { 'a.$': { x: 5 }, 'a.$.x': 2 } },
    expected: "Updating the path 'a.$.x' would create a conflict at 'a.$'",
  },
  {
    name: 'every element ($[]) and a field of every element',
    source: src.all,
    doc: { a: [{ x: 1 }] },
    update: { $set: { 'a.$[]': { x: 0 } }, $inc: { 'a.$[].x': 1 } },
    expected: "Updating the path 'a.$[].x' would create a conflict at 'a.$[]'",
  },
  {
    name: 'a filtered element ($[e]) and a field inside it',
    source: src.filtered,
    doc: { a: [{ x: 1 }] },
    update: { $set: { 'a.$[e]': { x: 0 }, 'a.$[e].y': 1 } },
    arrayFilters: [{ 'e.x': 1 }],
    expected: "Updating the path 'a.$[e].y' would create a conflict at 'a.$[e]'",
  },
  {
    name: '$rename target written by $set',
    source: src.rename,
    doc: { a: 1 },
    update: { $rename: { a: 'b' }, $set: { b: 9 } },
    expected: "Updating the path 'b' would create a conflict at 'b'",
  },
  {
    name: '$rename source written by $set',
    source: src.rename,
    doc: { a: 1 },
    update: { $rename: { a: 'c' }, $set: { a: 5 } },
    expected: "Updating the path 'a' would create a conflict at 'a'",
  },
  // --- refused once $, $[] and $[id] resolve to the same element --------------------------
  {
    name: '$[] and $[e] reach the same field of element 0',
    source: src.filtered,
    doc: { a: [{ k: 1 }, { k: 2 }] },
    update: { $set: { 'a.$[].x': 1, 'a.$[e].x': 2 } },
    arrayFilters: [{ 'e.k': 1 }],
    expected: "Update created a conflict at 'a.0.x'",
  },
  {
    name: 'a.0.x and a.$.x when $ stands for element 0',
    source: src.positional,
    doc: { a: [{ k: 'p' }, { k: 'q' }] },
    filter: { 'a.k': 'p' },
    update: { $set: { 'a.0.x': 1, 'a.$.x': 2 } },
    expected: "Update created a conflict at 'a.0.x'",
  },
  {
    name: 'two identifiers that select the same element',
    source: src.filtered,
    doc: { a: [{ k: 1, j: 1 }] },
    update: { $set: { 'a.$[e].x': 1, 'a.$[f].x': 2 } },
    arrayFilters: [{ 'e.k': 1 }, { 'f.j': 1 }],
    expected: "Update created a conflict at 'a.0.x'",
  },
];

const context = useDriverClient();
let db: Db;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

describe('update path conflicts', () => {
  it('has at least 30 rows, accepted and refused', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.filter((r) => typeof r.expected === 'string').length).toBeGreaterThanOrEqual(10);
  });

  it.each(rows.map((row, i) => [i, row.name, row] as const))(
    'row %i: %s',
    async (i, _name, row) => {
      expect(row.source).toMatch(/^https:\/\/www\.mongodb\.com\/docs\//);
      const coll = db.collection(`row${i}`);
      await coll.insertOne({ _id: 1, ...row.doc } as Document);
      const run = coll.updateOne(
        { _id: 1, ...row.filter } as Document,
        row.update,
        row.arrayFilters ? { arrayFilters: row.arrayFilters } : {},
      );
      if (typeof row.expected === 'string') {
        await expect(run).rejects.toMatchObject({ code: 40, message: row.expected });
        expect(await coll.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, ...row.doc });
        return;
      }
      const result = await run;
      expect(result.matchedCount).toBe(1);
      const stored = await coll.findOne({ _id: 1 } as Document);
      expect(withDatesMarked(stored, row.expected)).toEqual({ _id: 1, ...row.expected });
    },
  );
});

/** `$currentDate` writes "now": where the expectation says '<date>', any Date passes. */
function withDatesMarked(value: unknown, expected: unknown): unknown {
  if (expected === '<date>') return value instanceof Date ? '<date>' : value;
  if (Array.isArray(value) && Array.isArray(expected))
    return value.map((v, i) => withDatesMarked(v, expected[i]));
  if (value && typeof value === 'object' && !(value instanceof Date) && expected) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = withDatesMarked(v, (expected as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}
