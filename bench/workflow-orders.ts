// The orders a workflow measurement placed, as the orders store recorded them: placement
// to a final status is read from the order's own timestamps (createdAt -> updatedAt).
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, ObjectId } from 'mongodb';

export interface StoredOrder {
  id: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Ids per query while polling. */
const idsPerQuery = 100;

/** Waits until none of `ids` is PENDING (or `timeoutMs` passes), then reads them all. */
export async function settledOrders(
  storeUri: string,
  ids: readonly string[],
  timeoutMs: number,
): Promise<{ orders: StoredOrder[]; settled: boolean }> {
  const client = new MongoClient(`${storeUri}/orders`, { directConnection: true });
  try {
    await client.connect();
    const collection = client.db('orders').collection<{
      _id: ObjectId;
      status: string;
      createdAt: Date;
      updatedAt: Date;
    }>('orders');
    // Only the ids still pending are asked about, a chunk at a time: the harness's own reads
    // must not weigh on the store it is measuring (a large `$in` is tested per document).
    let pending = ids.map((id) => new ObjectId(id));
    const deadline = Date.now() + timeoutMs;
    while (pending.length > 0 && Date.now() < deadline) {
      const still: ObjectId[] = [];
      for (const chunk of chunks(pending, idsPerQuery)) {
        const found = await collection
          .find({ _id: { $in: chunk }, status: 'PENDING' }, { projection: { _id: 1 } })
          .toArray();
        still.push(...found.map((document) => document._id));
      }
      pending = still;
      if (pending.length > 0) await sleep(100);
    }
    const documents = [];
    for (const chunk of chunks(
      ids.map((id) => new ObjectId(id)),
      idsPerQuery,
    )) {
      documents.push(
        ...(await collection
          .find({ _id: { $in: chunk } }, { projection: { status: 1, createdAt: 1, updatedAt: 1 } })
          .toArray()),
      );
    }
    return {
      orders: documents.map((document) => ({
        id: document._id.toHexString(),
        status: document.status,
        createdAt: document.createdAt,
        updatedAt: document.updatedAt,
      })),
      settled: pending.length === 0,
    };
  } finally {
    await client.close();
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
