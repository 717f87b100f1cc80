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
    const filter = { _id: { $in: ids.map((id) => new ObjectId(id)) } };
    const deadline = Date.now() + timeoutMs;
    let pending = Number.POSITIVE_INFINITY;
    while (Date.now() < deadline) {
      pending = await collection.countDocuments({ ...filter, status: 'PENDING' });
      if (pending === 0) break;
      await sleep(100);
    }
    const documents = await collection
      .find(filter, { projection: { status: 1, createdAt: 1, updatedAt: 1 } })
      .toArray();
    return {
      orders: documents.map((document) => ({
        id: document._id.toHexString(),
        status: document.status,
        createdAt: document.createdAt,
        updatedAt: document.updatedAt,
      })),
      settled: pending === 0,
    };
  } finally {
    await client.close();
  }
}
