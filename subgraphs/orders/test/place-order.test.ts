import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderItem, buildPlaceOrderInput } from './support/build-order-input.js';
import { ordersClient } from './support/operations.js';
import { startTestOrders, type TestOrders } from './support/start-test-orders.js';
import { buildViewer, newId } from './support/viewers.js';

let orders: TestOrders;
let client: ReturnType<typeof ordersClient>;

beforeAll(async () => {
  orders = await startTestOrders();
  client = ordersClient(orders.service.graphqlUrl);
});

afterAll(async () => {
  await orders?.stop();
});

describe('placeOrder', () => {
  it('when a customer places an order, then it is PENDING, theirs, with the items asked for', async () => {
    const customer = buildViewer();
    const input = buildPlaceOrderInput();
    const before = Date.now();

    const response = await client.placeOrder(customer, input);

    expect(response.body.errors).toBeUndefined();
    const order = response.body.data!.placeOrder;
    expect(order).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      user: { id: customer.userId },
      items: input.items.map((item) => ({
        product: { id: item.productId },
        quantity: item.quantity,
        unitPriceCents: null,
      })),
      status: 'PENDING',
      totalCents: null,
      rejectionReason: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(Date.parse(order.createdAt)).toBeGreaterThanOrEqual(before - 1000);

    const stored = await client.order(customer, order.id);
    expect(stored.body.data?.order).toEqual(order);
  });

  it('when the same product is listed twice, then it becomes one item with the quantities added', async () => {
    const productId = newId();
    const other = buildOrderItem();
    const input = {
      items: [
        { productId, quantity: 2 },
        other,
        { productId: productId.toUpperCase(), quantity: 3 },
      ],
    };

    const response = await client.placeOrder(buildViewer(), input);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.placeOrder.items).toEqual([
      { product: { id: productId }, quantity: 5, unitPriceCents: null },
      { product: { id: other.productId }, quantity: other.quantity, unitPriceCents: null },
    ]);
  });

  it('when the caller is anonymous, then it fails with UNAUTHENTICATED', async () => {
    const response = await client.placeOrder(null, buildPlaceOrderInput());

    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  const invalidInputs = [
    { case: 'there are no items', items: [], field: 'items' },
    {
      case: 'there are more than 50 items',
      items: Array.from({ length: 51 }, () => buildOrderItem()),
      field: 'items',
    },
    {
      case: 'a quantity is zero',
      items: [buildOrderItem(), buildOrderItem({ quantity: 0 })],
      field: 'items.1.quantity',
    },
    {
      case: 'a quantity is negative',
      items: [buildOrderItem({ quantity: -2 })],
      field: 'items.0.quantity',
    },
    {
      case: 'a quantity is above 1000',
      items: [buildOrderItem({ quantity: 1001 })],
      field: 'items.0.quantity',
    },
    {
      case: 'a productId is malformed',
      items: [buildOrderItem(), buildOrderItem({ productId: 'not-an-id' })],
      field: 'items.1.productId',
    },
    {
      case: 'merged quantities of one product exceed 1000',
      items: [
        buildOrderItem({ productId: '65a000000000000000000001', quantity: 600 }),
        buildOrderItem({ productId: '65a000000000000000000001', quantity: 600 }),
      ],
      field: 'items.1.quantity',
    },
  ];

  it.each(invalidInputs)(
    'when $case, then it fails with BAD_USER_INPUT naming $field',
    async ({ items, field }) => {
      const response = await client.placeOrder(buildViewer(), { items });

      expect(response.body.data).toBeNull();
      const error = response.body.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error?.message).toMatch(/item|quantity|productId/);
    },
  );

  it('when a quantity is fractional, then GraphQL rejects it with BAD_USER_INPUT naming the field', async () => {
    const response = await client.placeOrder(buildViewer(), {
      items: [buildOrderItem(), buildOrderItem({ quantity: 1.5 })],
    });

    // `Int` coercion rejects it before any resolver runs; the message gives the path.
    expect(response.body.data).toBeUndefined();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('items[1].quantity');
  });
});
