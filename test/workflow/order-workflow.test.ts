import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  newId,
  startWorkflowSystem,
  type WorkflowSystem,
} from '../support/workflow-system.js';

let system: WorkflowSystem;

beforeAll(async () => {
  system = await startWorkflowSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('order workflow', () => {
  it('when stock suffices, then the order is CONFIRMED with prices, total and a hold', async () => {
    const customer = buildCustomer();
    const a = await system.addProduct({ stock: 5, priceCents: 250 });
    const b = await system.addProduct({ stock: 5, priceCents: 1000 });
    const placed = await system.placeOrder(customer, {
      items: [
        { productId: a, quantity: 2 },
        { productId: b, quantity: 3 },
      ],
    });
    expect(placed.body.errors).toBeUndefined();
    expect(placed.body.data?.placeOrder.status).toBe('PENDING');
    const order = await system.waitForOrder(customer, placed.body.data!.placeOrder.id);
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      totalCents: 2 * 250 + 3 * 1000,
      rejectionReason: null,
      items: [
        { product: { id: a }, quantity: 2, unitPriceCents: 250 },
        { product: { id: b }, quantity: 3, unitPriceCents: 1000 },
      ],
    });
    expect(Date.parse(order.updatedAt)).toBeGreaterThanOrEqual(Date.parse(order.createdAt));
    expect(await system.product(a)).toMatchObject({
      stock: 3,
      holds: [{ orderId: order.id, quantity: 2, unitPriceCents: 250, released: false }],
    });
    expect((await system.product(b)).stock).toBe(2);
  });

  it('when one line is short, then the order is REJECTED naming it and nothing is taken', async () => {
    const customer = buildCustomer();
    const plenty = await system.addProduct({ stock: 10 });
    const short = await system.addProduct({ stock: 1 });
    const placed = await system.placeOrder(customer, {
      items: [
        { productId: plenty, quantity: 4 },
        { productId: short, quantity: 2 },
      ],
    });
    const order = await system.waitForOrder(customer, placed.body.data!.placeOrder.id);
    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toBe(`Not enough stock for product ${short}`);
    expect(order.totalCents).toBeNull();
    expect((await system.product(plenty)).stock).toBe(10);
    expect((await system.product(short)).stock).toBe(1);
  });

  it('when a product does not exist, then the order is REJECTED naming it', async () => {
    const customer = buildCustomer();
    const known = await system.addProduct({ stock: 3 });
    const unknown = newId();
    const placed = await system.placeOrder(customer, {
      items: [
        { productId: known, quantity: 1 },
        { productId: unknown, quantity: 1 },
      ],
    });
    const order = await system.waitForOrder(customer, placed.body.data!.placeOrder.id);
    expect(order).toMatchObject({
      status: 'REJECTED',
      rejectionReason: `Unknown product ${unknown}`,
    });
    expect((await system.product(known)).stock).toBe(3);
  });

  it('when a confirmed order is cancelled twice, then its stock comes back exactly once', async () => {
    const customer = buildCustomer();
    const product = await system.addProduct({ stock: 4 });
    const placed = await system.placeOrder(customer, {
      items: [{ productId: product, quantity: 3 }],
    });
    const id = placed.body.data!.placeOrder.id;
    await system.waitForOrder(customer, id);
    expect((await system.product(product)).stock).toBe(1);

    const first = await system.cancelOrder(customer, id);
    const second = await system.cancelOrder(customer, id);
    expect(first.body.data?.cancelOrder.status).toBe('CANCELLED');
    expect(second.body.errors?.[0]).toMatchObject({
      message: `Order ${id} is already cancelled`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await eventuallyStock(product, 4);
    // Give a duplicate release time to do harm, then look again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await system.product(product)).toMatchObject({
      stock: 4,
      holds: [{ orderId: id, quantity: 3, released: true }],
    });
  });

  it('when a cancel races the reservation, then the stock is restored', async () => {
    const customer = buildCustomer();
    const product = await system.addProduct({ stock: 6 });
    const placed = await system.placeOrder(customer, {
      items: [{ productId: product, quantity: 2 }],
    });
    const id = placed.body.data!.placeOrder.id;
    const cancelled = await system.cancelOrder(customer, id);
    expect(cancelled.body.data?.cancelOrder.status).toBe('CANCELLED');
    await eventuallyStock(product, 6, (holds) => holds.every((hold) => hold.released));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await system.product(product);
    expect(after.stock).toBe(6);
    expect(after.holds.filter((hold) => hold.orderId === id)).toHaveLength(1);
    expect((await system.order(customer, id))?.status).toBe('CANCELLED');
  });

  it('when the same idempotency key is reused, then one order; with other items, BAD_USER_INPUT', async () => {
    const customer = buildCustomer();
    const product = await system.addProduct({ stock: 10 });
    const input = {
      items: [{ productId: product, quantity: 1 }],
      idempotencyKey: `key-${newId()}`,
    };
    const [first, second] = await Promise.all([
      system.placeOrder(customer, input),
      system.placeOrder(customer, input),
    ]);
    expect(first.body.errors).toBeUndefined();
    expect(second.body.data?.placeOrder.id).toBe(first.body.data?.placeOrder.id);
    const third = await system.placeOrder(customer, input);
    expect(third.body.data?.placeOrder.id).toBe(first.body.data?.placeOrder.id);

    const other = await system.placeOrder(customer, {
      ...input,
      items: [{ productId: product, quantity: 2 }],
    });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
    // Another user's key is their own.
    const stranger = await system.placeOrder(buildCustomer(), input);
    expect(stranger.body.data?.placeOrder.id).not.toBe(first.body.data?.placeOrder.id);
    await system.waitForOrder(customer, first.body.data!.placeOrder.id);
    expect(
      await system.ordersDb.collection('orders').countDocuments({ userId: customer.userId }),
    ).toBe(1);
  });

  it('when the idempotency key is malformed, then BAD_USER_INPUT names it', async () => {
    const product = await system.addProduct();
    const response = await system.placeOrder(buildCustomer(), {
      items: [{ productId: product, quantity: 1 }],
      idempotencyKey: 'x'.repeat(101),
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
  });
});

async function eventuallyStock(
  productId: string,
  stock: number,
  also: (holds: { released: boolean }[]) => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const product = await system.product(productId);
    if (product.stock === stock && also(product.holds)) return;
    if (Date.now() > deadline) throw new Error(`stock ${product.stock}, expected ${stock}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
