import { Long, ObjectId, type Document } from 'bson';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/commands/command-context.js';
import { runCommand } from '../src/commands/run-command.js';
import type { JournalRecord, Persistence } from '../src/persistence/journal-record.js';
import { CursorRegistry } from '../src/store/cursor-registry.js';
import { Store } from '../src/store/store.js';

// The store's contract with the persistence layer: every command's changes arrive as one
// append, and records replayed into an empty store rebuild the same state.

class RecordingPersistence implements Persistence {
  readonly appends: JournalRecord[][] = [];
  async append(records: readonly JournalRecord[]): Promise<void> {
    this.appends.push([...records]);
  }
  async close(): Promise<void> {}
}

const cursors = new CursorRegistry();
afterAll(() => cursors.close());

function harness(persistence: Persistence = new RecordingPersistence()) {
  const store = new Store(persistence);
  const context: Omit<CommandContext, 'db'> = {
    store,
    cursors,
    server: { startedAt: 0, host: 'test', currentConnections: () => 0, totalConnections: () => 0 },
    connectionId: 1,
  };
  const run = async (command: Document, db = 'shop'): Promise<Document> => {
    const reply = runCommand(command, context, db);
    await store.flush();
    return reply;
  };
  return { store, run };
}

describe('journaling', () => {
  it('when insertMany creates a collection, then one append holds the createCollection and every put', async () => {
    const persistence = new RecordingPersistence();
    const { run } = harness(persistence);
    await run({
      insert: 'users',
      documents: [
        { _id: 1, a: 1 },
        { _id: 2, a: 2 },
      ],
    });
    expect(persistence.appends).toEqual([
      [
        { op: 'createCollection', db: 'shop', coll: 'users', options: {} },
        { op: 'put', db: 'shop', coll: 'users', doc: { _id: 1, a: 1 } },
        { op: 'put', db: 'shop', coll: 'users', doc: { _id: 2, a: 2 } },
      ],
    ]);
  });

  it('when updates, deletes and index changes run, then each is journaled as whole documents and ids', async () => {
    const persistence = new RecordingPersistence();
    const { run } = harness(persistence);
    await run({
      insert: 'c',
      documents: [
        { _id: 1, n: 1 },
        { _id: 2, n: 2 },
      ],
    });
    await run({ update: 'c', updates: [{ q: {}, u: { $inc: { n: 10 } }, multi: true }] });
    await run({ findAndModify: 'c', query: { _id: 1 }, remove: true });
    await run({ createIndexes: 'c', indexes: [{ key: { n: 1 }, name: 'n_1' }] });
    await run({ dropIndexes: 'c', index: 'n_1' });
    await run({ find: 'c' }); // reads journal nothing
    await run({ drop: 'c' });
    await run({ dropDatabase: 1 });
    expect(persistence.appends.slice(1)).toEqual([
      [
        { op: 'put', db: 'shop', coll: 'c', doc: { _id: 1, n: 11 } },
        { op: 'put', db: 'shop', coll: 'c', doc: { _id: 2, n: 12 } },
      ],
      [{ op: 'delete', db: 'shop', coll: 'c', id: 1 }],
      [{ op: 'createIndex', db: 'shop', coll: 'c', spec: { v: 2, key: { n: 1 }, name: 'n_1' } }],
      [{ op: 'dropIndex', db: 'shop', coll: 'c', name: 'n_1' }],
      [{ op: 'dropCollection', db: 'shop', coll: 'c' }],
      [{ op: 'dropDatabase', db: 'shop' }],
    ]);
  });

  it('when a write fails on a duplicate key, then nothing is journaled for it', async () => {
    const persistence = new RecordingPersistence();
    const { run } = harness(persistence);
    await run({ insert: 'c', documents: [{ _id: 1 }] });
    const reply = await run({ insert: 'c', documents: [{ _id: 1 }] });
    expect(reply.writeErrors).toHaveLength(1);
    expect(persistence.appends).toHaveLength(1);
  });
});

describe('replay and snapshot', () => {
  it('when a snapshot is applied to an empty store, then documents, exact types and unique indexes come back', async () => {
    const { store, run } = harness();
    const id = new ObjectId();
    await run({
      insert: 'users',
      documents: [{ _id: id, email: 'a@b', big: Long.fromString('9007199254740993') }],
    });
    await run({
      createIndexes: 'users',
      indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    });
    await run({ create: 'empty', capped: false });

    const restored = harness();
    for (const record of store.snapshot()) restored.store.applyRecord(record);

    const found = await restored.run({ find: 'users', filter: { email: 'a@b' } });
    expect(found.cursor.firstBatch).toEqual([
      { _id: id, email: 'a@b', big: Long.fromString('9007199254740993') },
    ]);
    const dup = await restored.run({ insert: 'users', documents: [{ email: 'a@b' }] });
    expect(dup.writeErrors?.[0]).toMatchObject({ code: 11000 });
    const collections = await restored.run({ listCollections: 1 });
    expect(collections.cursor.firstBatch.map((c: Document) => [c.name, c.options])).toEqual([
      ['users', {}],
      ['empty', { capped: false }],
    ]);
  });

  it('when records are applied, then they are not journaled again and a replayed put replaces by _id', async () => {
    const persistence = new RecordingPersistence();
    const store = new Store(persistence);
    store.applyRecord({ op: 'put', db: 'd', coll: 'c', doc: { _id: 1, v: 1 } });
    store.applyRecord({ op: 'put', db: 'd', coll: 'c', doc: { _id: 1, v: 2 } });
    store.applyRecord({ op: 'delete', db: 'd', coll: 'c', id: 99 });
    await store.flush();
    expect(persistence.appends).toEqual([]);
    expect([...(store.getCollection('d', 'c')?.all() ?? [])].map((d) => d.exact)).toEqual([
      { _id: 1, v: 2 },
    ]);
  });
});
