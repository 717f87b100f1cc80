import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceOrderInput } from './support/build-order-input.js';
import { ordersClient, type OrderData } from './support/operations.js';
import { startTestOrders, type TestOrders } from './support/start-test-orders.js';
import { buildViewer, newId } from './support/viewers.js';

let orders: TestOrders;
let client: ReturnType<typeof ordersClient>;
const owner = buildViewer();
const admin = buildViewer({ role: 'ADMIN' });
const otherCustomer = buildViewer();

beforeAll(async () => {
  orders = await startTestOrders();
  client = ordersClient(orders.service.graphqlUrl);
});

afterAll(async () => {
  await orders?.stop();
});

async function placeOrder(viewer = owner): Promise<OrderData> {
  const response = await client.placeOrder(viewer, buildPlaceOrderInput());
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.placeOrder;
}

describe('order(id)', () => {
  it('when the owner asks, then they get the order', async () => {
    const placed = await placeOrder();

    const response = await client.order(owner, placed.id);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.order).toEqual(placed);
  });

  it('when an admin asks, then they get any customer order', async () => {
    const placed = await placeOrder();

    const response = await client.order(admin, placed.id);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.order).toEqual(placed);
  });

  it('when another customer asks, then the order is null without an error, as an unknown id', async () => {
    const placed = await placeOrder();

    const response = await client.order(otherCustomer, placed.id);

    expect(response.body).toEqual({ data: { order: null } });
  });

  it('when the caller is anonymous, then it fails with UNAUTHENTICATED', async () => {
    const placed = await placeOrder();

    const response = await client.order(null, placed.id);

    expect(response.body.data?.order).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    { case: 'unknown', id: newId() },
    { case: 'malformed', id: 'not-an-order-id' },
  ])('when the id is $case, then the order is null without an error', async ({ id }) => {
    const response = await client.order(owner, id);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ order: null });
  });
});

describe('cancelOrder', () => {
  it('when the owner cancels a pending order, then it is CANCELLED and stays so', async () => {
    const placed = await placeOrder();

    const response = await client.cancelOrder(owner, placed.id);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.cancelOrder).toEqual({ ...placed, status: 'CANCELLED' });
    const reread = await client.order(owner, placed.id);
    expect(reread.body.data?.order?.status).toBe('CANCELLED');
  });

  it('when an admin cancels a customer order, then it is CANCELLED', async () => {
    const placed = await placeOrder();

    const response = await client.cancelOrder(admin, placed.id);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.cancelOrder.status).toBe('CANCELLED');
  });

  it('when an order is cancelled twice, then the second fails with BAD_USER_INPUT saying so', async () => {
    const placed = await placeOrder();
    await client.cancelOrder(owner, placed.id);

    const response = await client.cancelOrder(owner, placed.id);

    expect(response.body.data).toBeNull();
    const error = response.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(error?.message).toBe(`Order ${placed.id} is already cancelled`);
  });

  it('when the same order is cancelled concurrently, then exactly one cancellation wins', async () => {
    const placed = await placeOrder();

    const responses = await Promise.all(
      Array.from({ length: 4 }, () => client.cancelOrder(owner, placed.id)),
    );

    const succeeded = responses.filter((response) => response.body.data?.cancelOrder);
    const refused = responses.flatMap((response) => response.body.errors ?? []);
    expect(succeeded).toHaveLength(1);
    expect(refused.map((error) => error.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
  });

  it('when another customer cancels an order, then it fails with NOT_FOUND as an unknown id and the order stays PENDING', async () => {
    const placed = await placeOrder();

    const response = await client.cancelOrder(otherCustomer, placed.id);

    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toBe(`Order ${placed.id} was not found`);
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: 'NOT_FOUND',
      type: 'Order',
      id: placed.id,
    });
    const reread = await client.order(owner, placed.id);
    expect(reread.body.data?.order?.status).toBe('PENDING');
  });

  it('when the caller is anonymous, then it fails with UNAUTHENTICATED', async () => {
    const placed = await placeOrder();

    const response = await client.cancelOrder(null, placed.id);

    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    { case: 'unknown', id: newId() },
    { case: 'malformed', id: 'nope' },
  ])('when the order id is $case, then it fails with NOT_FOUND', async ({ id }) => {
    const response = await client.cancelOrder(owner, id);

    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id });
  });
});
