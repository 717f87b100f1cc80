import { ObjectId, type Collection, type Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// Equality and $in on _id or on a single-field index are answered from the index.
// serverStatus.metrics.queryExecutor.scannedObjects (manual: "the total number of
// documents scanned during queries") shows how many documents each operation examined.

const context = useDriverClient();
let db: Db;
let coll: Collection<{ _id: ObjectId; email: string; group: number; n: number }>;
const ids: ObjectId[] = [];
const size = 2000;

beforeAll(async () => {
  db = context.client.db(uniqueDbName());
  coll = db.collection('people');
  await coll.createIndex({ email: 1 }, { unique: true });
  await coll.createIndex({ group: 1 });
  const docs = Array.from({ length: size }, (_, i) => ({
    _id: new ObjectId(),
    email: `p${i}@x`,
    group: i % 100,
    n: i,
  }));
  ids.push(...docs.map((d) => d._id));
  await coll.insertMany(docs);
});

async function scanned(operation: () => Promise<unknown>): Promise<number> {
  const read = async () =>
    (await db.admin().serverStatus()).metrics.queryExecutor.scannedObjects as number;
  const before = await read();
  await operation();
  return (await read()) - before;
}

describe('index lookups', () => {
  it('when finding by _id, then one document is examined', async () => {
    expect(await scanned(() => coll.findOne({ _id: ids[1234] }))).toBe(1);
  });

  it('when finding with $in on ObjectIds, then only the listed documents are examined', async () => {
    let found: unknown[] = [];
    const examined = await scanned(async () => {
      found = await coll
        .find({ _id: { $in: [ids[3], ids[30], new ObjectId()] } as never })
        .toArray();
    });
    expect(found).toHaveLength(2);
    expect(examined).toBe(2);
  });

  it('when filtering on a unique or non-unique single-field index, then only its matches are examined', async () => {
    expect(await scanned(() => coll.findOne({ email: 'p77@x' }))).toBe(1);
    expect(await scanned(() => coll.find({ group: 7, n: { $lt: 500 } }).toArray())).toBe(
      size / 100,
    );
    expect(await scanned(() => coll.countDocuments({ group: { $in: [1, 2] } }))).toBe(
      (2 * size) / 100,
    );
  });

  it('when updating, deleting or findAndModify-ing by an indexed field, then the collection is not scanned', async () => {
    expect(await scanned(() => coll.updateOne({ email: 'p5@x' }, { $set: { n: -5 } }))).toBe(1);
    expect(await scanned(() => coll.findOneAndUpdate({ _id: ids[6] }, { $inc: { n: 1 } }))).toBe(1);
    expect(await scanned(() => coll.deleteOne({ email: 'p8@x' }))).toBe(1);
    expect(await coll.findOne({ email: 'p5@x' })).toMatchObject({ n: -5 });
  });

  it('when an indexed value changes, then lookups by the old value stop finding the document', async () => {
    await coll.updateOne({ email: 'p9@x' }, { $set: { email: 'renamed@x' } });
    expect(await coll.findOne({ email: 'p9@x' })).toBeNull();
    expect(await coll.findOne({ email: 'renamed@x' })).toMatchObject({ n: 9 });
  });

  it('when the filter uses no indexed field, then every document is examined', async () => {
    expect(await scanned(() => coll.findOne({ n: -1000 }))).toBe(size - 1);
  });
});
