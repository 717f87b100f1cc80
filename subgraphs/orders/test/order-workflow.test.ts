import { openServiceDatabase, type ServiceDatabase } from '@fedshop/subgraph-kit';
import { startTestDatabaseServer, type TestDatabaseServer } from '@fedshop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrderRepository,
  createOrderService,
  type OrderRepository,
  type OrderService,
} from '@fedshop/orders';
import { buildOrderItem } from './support/build-order-input.js';
import { silentLogger } from './support/start-test-orders.js';
import { buildViewer } from './support/viewers.js';

// The seam the stock-reservation worker will call: the domain service over the real
// repository and database (no GraphQL field exposes these transitions to clients).
let server: TestDatabaseServer;
let database: ServiceDatabase;
let repository: OrderRepository;
let service: OrderService;
const customer = buildViewer();

beforeAll(async () => {
  server = await startTestDatabaseServer();
  database = await openServiceDatabase({
    service: 'orders',
    uri: server.uniqueDatabaseUri('orders'),
    logger: silentLogger(),
  });
  repository = await createOrderRepository(database.connection);
  service = createOrderService({ repository });
});

afterAll(async () => {
  await database?.close();
  await server?.stop();
});

const placePendingOrder = () =>
  service.placeOrder(customer.userId, [
    buildOrderItem({ quantity: 2 }),
    buildOrderItem({ quantity: 3 }),
  ]);

/** The workflow acts for no caller: it looks orders up unfiltered. */
const everyOrder = () => ({ load: (id: string) => repository.findById(id) });

describe('order workflow', () => {
  it('when a pending order is confirmed, then unit prices and the total are fixed', async () => {
    const order = await placePendingOrder();
    const [first, second] = order.items;
    const prices = new Map([
      [first!.productId, 250],
      [second!.productId, 1000],
    ]);

    const confirmed = await service.confirmOrder(order.id, prices);

    expect(confirmed).toMatchObject({
      id: order.id,
      status: 'CONFIRMED',
      totalCents: 2 * 250 + 3 * 1000,
      rejectionReason: null,
      items: [
        { productId: first!.productId, quantity: 2, unitPriceCents: 250 },
        { productId: second!.productId, quantity: 3, unitPriceCents: 1000 },
      ],
    });
  });

  it('when a pending order is rejected, then the reason is kept and it cannot be cancelled', async () => {
    const order = await placePendingOrder();

    const rejected = await service.rejectOrder(order.id, 'Out of stock');

    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'Out of stock' });
    await expect(service.cancelOrder(order.id, everyOrder())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: `Order ${order.id} was rejected and cannot be cancelled`,
    });
  });

  it('when a confirmed order is cancelled, then it is CANCELLED with its prices kept', async () => {
    const order = await placePendingOrder();
    const prices = new Map(order.items.map((item) => [item.productId, 100]));
    await service.confirmOrder(order.id, prices);

    const cancelled = await service.cancelOrder(order.id, everyOrder());

    expect(cancelled).toMatchObject({ status: 'CANCELLED', totalCents: 500 });
  });

  it('when an order was cancelled before stock was reserved, then confirming it is refused', async () => {
    const order = await placePendingOrder();
    await service.cancelOrder(order.id, everyOrder());

    await expect(
      service.confirmOrder(order.id, new Map(order.items.map((item) => [item.productId, 1]))),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { status: 'CANCELLED' } });
  });
});
