import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noopLogger } from '@fedshop/embedded-mongo';
import type { JournalRecord, Persistence } from '../src/persistence/journal-record.js';
import { WireServer } from '../src/server.js';
import { CursorRegistry } from '../src/store/cursor-registry.js';
import { Store } from '../src/store/store.js';

/** A disk that fails once `failing` is set, as a full or read-only volume would. */
class FailingPersistence implements Persistence {
  failing = false;
  readonly durable: JournalRecord[] = [];
  async append(records: readonly JournalRecord[]): Promise<void> {
    if (this.failing) throw new Error('ENOSPC: no space left on device');
    this.durable.push(...records);
  }
  async close(): Promise<void> {}
}

const persistence = new FailingPersistence();
const cursors = new CursorRegistry();
const server = new WireServer({ store: new Store(persistence), cursors, logger: noopLogger });
let client: MongoClient;

beforeAll(async () => {
  const { port } = await server.listen(0, '127.0.0.1');
  client = await new MongoClient(`mongodb://127.0.0.1:${port}`, {
    retryWrites: false,
    serverSelectionTimeoutMS: 2_000,
  }).connect();
});

afterAll(async () => {
  await client?.close();
  cursors.close();
  await server.close();
});

describe('a journal that cannot be written', () => {
  it('when the journal write fails, then the client gets an error on the same connection, never an acknowledgement', async () => {
    const orders = client.db('shop').collection('orders');
    await orders.insertOne({ _id: 'durable' as never });

    persistence.failing = true;
    await expect(orders.insertOne({ _id: 'lost' as never })).rejects.toMatchObject({
      code: 1,
      codeName: 'InternalError',
      message: expect.stringContaining('journal write failed: ENOSPC'),
    });

    // The connection stayed open: reads still answer.
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(persistence.durable.filter((record) => record.op === 'put')).toHaveLength(1);
  });
});
