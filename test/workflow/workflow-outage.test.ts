import { startPrivateRedis, type PrivateRedis } from '@fedshop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  startWorkflowSystem,
  type WorkflowSystem,
} from '../support/workflow-system.js';

let redis: PrivateRedis;
let system: WorkflowSystem;
let expiring: WorkflowSystem;

beforeAll(async () => {
  redis = await startPrivateRedis();
  system = await startWorkflowSystem({ redisUrl: redis.url });
  // No stock worker at all (products runs none in this process): orders can only expire.
  expiring = await startWorkflowSystem({
    env: { ORDER_PENDING_TIMEOUT_SECONDS: '1' },
    productsEnv: { WORKER_MODE: 'separate' },
  });
});

afterAll(async () => {
  redis?.resume();
  await system?.stop();
  await expiring?.stop();
  await redis?.stop();
});

describe('the workflow when Redis blinks', () => {
  it('when Redis hangs while orders are placed, then placing answers and every order is processed once it is back', async () => {
    const product = await system.addProduct({ stock: 20 });
    const customers = Array.from({ length: 5 }, () => buildCustomer());
    redis.pause();
    const started = Date.now();
    const placed = await Promise.all(
      customers.map((customer) =>
        system.placeOrder(customer, { items: [{ productId: product, quantity: 2 }] }),
      ),
    );
    // Fire-and-forget publishing: a hung Redis never holds a request.
    expect(Date.now() - started).toBeLessThan(3000);
    for (const response of placed) expect(response.body.data?.placeOrder.status).toBe('PENDING');
    await new Promise((resolve) => setTimeout(resolve, 500));
    redis.resume();
    const final = await Promise.all(
      placed.map((response, index) =>
        system.waitForOrder(
          customers[index]!,
          response.body.data!.placeOrder.id,
          undefined,
          30_000,
        ),
      ),
    );
    expect(final.map((order) => order.status)).toEqual(Array(5).fill('CONFIRMED'));
    expect((await system.product(product)).stock).toBe(10);
  });

  it('when Redis is down while orders are placed, then they are processed once it restarts', async () => {
    const product = await system.addProduct({ stock: 3 });
    const customer = buildCustomer();
    await redis.stop();
    const placed = await system.placeOrder(customer, {
      items: [{ productId: product, quantity: 1 }],
    });
    expect(placed.body.data?.placeOrder.status).toBe('PENDING');
    await redis.restart();
    const order = await system.waitForOrder(
      customer,
      placed.body.data!.placeOrder.id,
      undefined,
      30_000,
    );
    expect(order.status).toBe('CONFIRMED');
    expect((await system.product(product)).stock).toBe(2);
  });
});

describe('pending expiry', () => {
  it('when nothing answers within ORDER_PENDING_TIMEOUT_SECONDS, then the order is REJECTED as timed out', async () => {
    const product = await expiring.addProduct({ stock: 3 });
    const customer = buildCustomer();
    const placed = await expiring.placeOrder(customer, {
      items: [{ productId: product, quantity: 1 }],
    });
    const order = await expiring.waitForOrder(customer, placed.body.data!.placeOrder.id);
    expect(order).toMatchObject({ status: 'REJECTED', rejectionReason: 'timed out' });
    // It owes the products service a release (reserve + release: two entries).
    const stored = await expiring.ordersDb
      .collection('orders')
      .findOne({ userId: customer.userId });
    expect(stored?.outboxSeq).toBe(2);
    expect((await expiring.product(product)).stock).toBe(3);
  });
});
