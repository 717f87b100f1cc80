import { beforeAll, describe, expect, it } from 'vitest';
import type { Db, Document } from 'mongodb';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// manual "MongoDB Limits and Thresholds": "The maximum BSON document size is 16 mebibytes"
// and "MongoDB supports no more than 100 levels of nesting for BSON documents. Each object
// or array adds a level." The codes and wording are the server's: an insert too large is
// BadValue (2) "object to insert too large", an update result too large is 17419, a
// document nested too deeply is Overflow (15).

const context = useDriverClient();
let db: Db;
let n = 0;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

const sixteenMiB = 16 * 1024 * 1024;

/** A document nested `levels` deep, the top-level document counting as level 1. */
function nested(levels: number): Document {
  let inner: Document = { leaf: true };
  for (let i = 2; i < levels; i++) inner = { a: inner };
  return { _id: 1, a: inner };
}

describe('document size', () => {
  it('when an inserted document is over 16 MiB, then it is refused and nothing is stored', async () => {
    const coll = db.collection(`size${n++}`);
    await expect(
      coll.insertOne({ _id: 1, data: 'x'.repeat(sixteenMiB) } as Document),
    ).rejects.toMatchObject({
      code: 2,
      message: expect.stringMatching(
        /^object to insert too large\. size in bytes: \d+, max size: 16777216$/,
      ),
    });
    expect(await coll.countDocuments()).toBe(0);
  });

  it('when a document just under 16 MiB is inserted, then it is stored', async () => {
    const coll = db.collection(`size${n++}`);
    await coll.insertOne({ _id: 1, data: 'x'.repeat(sixteenMiB - 100) } as Document);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('when an update would grow a document past 16 MiB, then it fails with 17419 and the document stays', async () => {
    const coll = db.collection(`size${n++}`);
    await coll.insertOne({ _id: 1, a: 'x'.repeat(9 * 1024 * 1024) } as Document);
    await expect(
      coll.updateOne({ _id: 1 } as Document, { $set: { b: 'y'.repeat(9 * 1024 * 1024) } }),
    ).rejects.toMatchObject({
      code: 17419,
      message: 'Resulting document after update is larger than 16777216',
    });
    const doc = await coll.findOne({ _id: 1 } as Document, { projection: { b: 1 } });
    expect(doc).toEqual({ _id: 1 });
  });
});

describe('nesting depth', () => {
  it('when a document has 100 levels, then it is stored', async () => {
    const coll = db.collection(`depth${n++}`);
    await coll.insertOne(nested(100));
    expect(await coll.countDocuments()).toBe(1);
  });

  it('when a document has 101 levels, then the insert fails with Overflow (15)', async () => {
    const coll = db.collection(`depth${n++}`);
    await expect(coll.insertOne(nested(101))).rejects.toMatchObject({
      code: 15,
      message: 'Document exceeds maximum nesting depth of 100',
    });
    expect(await coll.countDocuments()).toBe(0);
  });

  it('when arrays make up the levels, then each array counts as one', async () => {
    const coll = db.collection(`depth${n++}`);
    let inner: unknown = 1;
    for (let i = 1; i < 101; i++) inner = [inner];
    await expect(coll.insertOne({ _id: 1, a: inner } as Document)).rejects.toMatchObject({
      code: 15,
    });
  });

  it('when an update nests a document past 100 levels, then it fails and the document stays', async () => {
    const coll = db.collection(`depth${n++}`);
    await coll.insertOne({ _id: 1, x: 1 } as Document);
    await expect(
      coll.updateOne({ _id: 1 } as Document, { $set: { deep: nested(101).a } }),
    ).rejects.toMatchObject({ code: 15 });
    expect(await coll.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, x: 1 });
  });
});
