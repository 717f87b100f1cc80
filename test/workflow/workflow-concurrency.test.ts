import { createQueueProducer, jobId, queueNames, type QueueProducer } from '@fedshop/queues';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  eventually,
  startWorkflowSystem,
  type WorkflowSystem,
} from '../support/workflow-system.js';

let system: WorkflowSystem;
let producer: QueueProducer;

beforeAll(async () => {
  system = await startWorkflowSystem();
  producer = createQueueProducer({ settings: system.queues.settings(), name: 'test-redelivery' });
});

afterAll(async () => {
  await producer?.close();
  await system?.stop();
});

describe('the workflow under concurrency and redelivery', () => {
  it('when 50 orders race for a stock of 10, then exactly 10 are CONFIRMED, 40 REJECTED, stock 0', async () => {
    const product = await system.addProduct({ stock: 10, priceCents: 500 });
    const customers = Array.from({ length: 50 }, () => buildCustomer());
    const placed = await Promise.all(
      customers.map((customer) =>
        system.placeOrder(customer, { items: [{ productId: product, quantity: 1 }] }),
      ),
    );
    for (const response of placed) expect(response.body.errors).toBeUndefined();
    const final = await Promise.all(
      placed.map((response, index) =>
        system.waitForOrder(customers[index]!, response.body.data!.placeOrder.id),
      ),
    );
    const statuses = final.map((order) => order.status);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'REJECTED')).toHaveLength(40);
    for (const order of final.filter((each) => each.status === 'REJECTED')) {
      expect(order.rejectionReason).toBe(`Not enough stock for product ${product}`);
    }
    const stored = await system.product(product);
    expect(stored.stock).toBe(0);
    const active = stored.holds.filter((hold) => !hold.released);
    expect(active).toHaveLength(10);
    expect(new Set(active.map((hold) => hold.orderId))).toEqual(
      new Set(final.filter((order) => order.status === 'CONFIRMED').map((order) => order.id)),
    );
  });

  it('when a reservation is delivered again (a new job id), then stock is taken once', async () => {
    const customer = buildCustomer();
    const product = await system.addProduct({ stock: 5 });
    const placed = await system.placeOrder(customer, {
      items: [{ productId: product, quantity: 2 }],
    });
    const id = placed.body.data!.placeOrder.id;
    await system.waitForOrder(customer, id);
    const payload = { v: 1, orderId: id, items: [{ productId: product, quantity: 2 }] };
    // As if the job outlived its retention and the entry went out again, twice.
    await producer.publish(queueNames.reserveStock, jobId(id, 'again', 1), payload);
    await producer.publish(queueNames.reserveStock, jobId(id, 'again', 2), payload);
    await eventuallyCompleted(queueNames.reserveStock, [
      jobId(id, 'again', 1),
      jobId(id, 'again', 2),
    ]);
    const stored = await system.product(product);
    expect(stored.stock).toBe(3);
    expect(stored.holds.filter((hold) => hold.orderId === id)).toHaveLength(1);
    expect((await system.order(customer, id))?.status).toBe('CONFIRMED');
  });

  it('when an outbox entry is published twice (same id), then it is one job and one effect', async () => {
    const customer = buildCustomer();
    const product = await system.addProduct({ stock: 5 });
    const placed = await system.placeOrder(customer, {
      items: [{ productId: product, quantity: 1 }],
    });
    const id = placed.body.data!.placeOrder.id;
    await system.waitForOrder(customer, id);
    // The relay's first entry of every order is `<orderId>-1`.
    await producer.publish(queueNames.reserveStock, jobId(id, 1), {
      v: 1,
      orderId: id,
      items: [{ productId: product, quantity: 1 }],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await system.product(product)).stock).toBe(4);
  });

  it('when a stock reply is delivered twice, then the order is confirmed once', async () => {
    const customer = buildCustomer();
    const product = await system.addProduct({ stock: 5, priceCents: 700 });
    const placed = await system.placeOrder(customer, {
      items: [{ productId: product, quantity: 1 }],
    });
    const id = placed.body.data!.placeOrder.id;
    const confirmed = await system.waitForOrder(customer, id);
    const reply = {
      v: 1,
      orderId: id,
      outcome: 'refused',
      reason: 'short',
      productId: product,
    };
    await producer.publish(queueNames.stockReplies, jobId(id, 'late-reply'), reply);
    await eventuallyCompleted(queueNames.stockReplies, [jobId(id, 'late-reply')]);
    const after = await system.order(customer, id);
    expect(after).toEqual(confirmed);
    const stored = await system.ordersDb.collection('orders').findOne({ userId: customer.userId });
    // One reservation and one confirmation event were ever owed: seq 1 and 2.
    expect(stored?.outboxSeq).toBe(2);
  });

  it('when a payload is malformed, then the job fails at once and stays failed', async () => {
    const bad = jobId('malformed', Date.now());
    await producer.publish(queueNames.reserveStock, bad, { v: 9, orderId: 'x' });
    await eventually(async () => (await failedIds(queueNames.reserveStock)).includes(bad));
  });
});

async function failedIds(queue: string): Promise<string[]> {
  const { Redis } = await import('ioredis');
  const client = new Redis(system.queues.url);
  try {
    return await client.zrange(`${system.queues.prefix}:${queue}:failed`, 0, -1);
  } finally {
    client.disconnect();
  }
}

async function eventuallyCompleted(queue: string, ids: string[]): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis(system.queues.url);
  try {
    await eventually(async () => {
      const done = await client.zrange(`${system.queues.prefix}:${queue}:completed`, 0, -1);
      return ids.every((id) => done.includes(id));
    });
  } finally {
    client.disconnect();
  }
}
