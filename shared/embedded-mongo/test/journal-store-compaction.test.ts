import { Decimal128, Double, EJSON, Long, serialize, type Document } from 'bson';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileJournal, type FileJournal } from '../src/persistence/file-journal.js';
import { Store } from '../src/store/store.js';

/** The store's content, keyed so that natural order does not matter. */
function image(store: Store): Map<string, string> {
  const out = new Map<string, string>();
  for (const record of store.snapshot()) {
    const key =
      record.op === 'put'
        ? `${record.db}.${record.coll}/${EJSON.stringify({ id: record.doc['_id'] }, { relaxed: false })}`
        : `${record.op}:${EJSON.stringify(record, { relaxed: false })}`;
    out.set(key, Buffer.from(serialize(record)).toString('base64'));
  }
  return out;
}

describe('compaction with the real store', () => {
  let dir: string;
  const journals: FileJournal[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-store-compaction-'));
  });
  afterEach(async () => {
    for (const journal of journals.splice(0)) await journal.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  async function openStore(): Promise<{ store: Store; journal: FileJournal }> {
    // Compaction reads the store through this holder; it only runs after replay.
    const holder: { store?: Store } = {};
    const opened = await openFileJournal({
      dir,
      snapshot: () => holder.store!.snapshot(),
      logger: { info: () => {}, warn: () => {} },
    });
    journals.push(opened.persistence);
    const store = new Store(opened.persistence);
    holder.store = store;
    for (const record of opened.records) store.applyRecord(record);
    return { store, journal: opened.persistence };
  }

  it('when the journal is compacted while commands are still being appended, then a restart yields identical data and indexes', async () => {
    const { store, journal } = await openStore();
    const users = store.createCollection('shop', 'users', {});
    users.createIndex({ key: { email: 1 }, name: 'email_1', unique: true });
    store.ensureCollection('shop', 'orders').createIndex({ key: { userId: 1 }, name: 'userId_1' });
    await store.flush();
    for (let i = 0; i < 300; i++) {
      users.insert({
        _id: i,
        email: `u${i}@shop.test`,
        visits: Long.fromNumber(i * 1_000_000_007),
        balance: Decimal128.fromString(`${i}.10`),
        score: new Double(i),
        tags: [`t${i % 7}`, { nested: new Double(1.5) }],
      });
      store.ensureCollection('shop', 'orders').insert({ _id: `o${i}`, userId: i, total: i * 3 });
      await store.flush();
    }
    for (let i = 0; i < 300; i += 3) {
      users.replace(users.getById(`n:${i}`)!, {
        ...users.getById(`n:${i}`)!.exact,
        email: `moved${i}@shop.test`,
      });
      await store.flush();
    }
    store.dropCollection('shop', 'orders');
    await store.flush();

    // Commands whose appends are still queued when the snapshot is taken, including a
    // unique email handed from one user to another.
    const inFlight: Promise<void>[] = [];
    users.replace(users.getById('n:1')!, {
      ...users.getById('n:1')!.exact,
      email: 'spare@shop.test',
    });
    inFlight.push(store.flush());
    users.replace(users.getById('n:2')!, { ...users.getById('n:2')!.exact, email: 'u1@shop.test' });
    inFlight.push(store.flush());
    inFlight.push(journal.compact());
    users.remove(users.getById('n:4')!);
    inFlight.push(store.flush());
    store
      .createCollection('shop', 'audit', { capped: false })
      .insert({ _id: 'a1', at: new Date(0) });
    inFlight.push(store.flush());
    await Promise.all(inFlight);
    const before = image(store);
    const sizeBefore = journal.size;
    await journal.close();

    expect(journal.compactions).toBe(1);
    expect((await stat(join(dir, 'journal'))).size).toBe(sizeBefore);
    const { store: recovered } = await openStore();

    expect(image(recovered)).toEqual(before);
    expect(recovered.getCollection('shop', 'orders')).toBeUndefined();
    expect(recovered.getCollection('shop', 'users')!.size).toBe(299);
    const users2 = recovered.getCollection('shop', 'users')!;
    expect(() => users2.insert({ _id: 'dup', email: 'u1@shop.test' })).toThrow(/E11000/);
    expect(() => users2.insert({ _id: 'ok', email: 'u2@shop.test' })).not.toThrow();
  });

  it('when an index is dropped and recreated under its name with another key while a compaction runs, then a restart has the final index', async () => {
    const { store, journal } = await openStore();
    const items = store.createCollection('shop', 'items', {});
    items.insert({ _id: 1, a: 'x', b: 'p' });
    items.insert({ _id: 2, a: 'x', b: 'q' });
    await store.flush();

    // Every append after the first is queued behind its write when the snapshot is taken,
    // so replay applies the snapshot's `k` on { b: 1 } and then the whole history of `k`.
    const inFlight: Promise<void>[] = [];
    items.replace(items.getById('n:1')!, { _id: 1, a: 'y', b: 'p' });
    inFlight.push(store.flush());
    items.createIndex({ key: { a: 1 }, name: 'k' });
    inFlight.push(store.flush());
    items.dropIndex('k');
    items.createIndex({ key: { b: 1 }, name: 'k', unique: true });
    inFlight.push(store.flush());
    inFlight.push(journal.compact());
    items.insert({ _id: 3, a: 'x', b: 'r' });
    inFlight.push(store.flush());
    await Promise.all(inFlight);
    const before = image(store);
    await journal.close();

    expect(journal.compactions).toBe(1);
    const { store: recovered } = await openStore();
    expect(image(recovered)).toEqual(before);
    const recoveredItems = recovered.getCollection('shop', 'items')!;
    expect(recoveredItems.indexes.get('k')?.spec).toMatchObject({ key: { b: 1 }, unique: true });
    expect(() => recoveredItems.insert({ _id: 4, b: 'q' })).toThrow(/E11000.*index: k/);
    expect(recoveredItems.find({ b: 'r' }).map((d) => d.exact._id)).toEqual([3]);
  });

  it('when compaction has run, then the journal is smaller than the history it replaced', async () => {
    const { store, journal } = await openStore();
    const counters = store.createCollection('shop', 'counters', {});
    counters.insert({ _id: 'hits', n: 0 });
    await store.flush();
    for (let n = 1; n <= 500; n++) {
      counters.replace(counters.getById('s:hits')!, { _id: 'hits', n, pad: 'x'.repeat(100) });
      await store.flush();
    }
    const history = journal.size;
    await journal.compact();
    const compacted = journal.size;
    await journal.close();

    expect(compacted).toBeLessThan(history / 50);
    const { store: recovered } = await openStore();
    expect(recovered.getCollection('shop', 'counters')!.getById('s:hits')!.exact).toEqual({
      _id: 'hits',
      n: 500,
      pad: 'x'.repeat(100),
    } satisfies Document);
  });
});
