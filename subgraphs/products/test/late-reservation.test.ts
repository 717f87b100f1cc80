import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import { createCrashPoints } from '@fedshop/queues';
import { startTestDatabaseServer, type TestDatabaseServer } from '@fedshop/testing';
import { createStockRepository } from '../src/stock/stock-repository.js';
import { createStockService, type StockService } from '../src/stock/stock-service.js';
import { buildProduct } from './build-product.js';
import { openProductStore, type ProductStore } from './product-store.js';

const retentionMs = 3_600_000;
let server: TestDatabaseServer;
let store: ProductStore;
let stock: StockService;

beforeAll(async () => {
  server = await startTestDatabaseServer();
  store = await openProductStore(server.uniqueDatabaseUri('late_reservation'));
  stock = createStockService({
    repository: createStockRepository(store.connection),
    logger: createMemoryLogger({ service: 'products' }).logger,
    crashPoints: createCrashPoints(undefined),
    holdRetentionMs: retentionMs,
  });
});

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

/** An order id as orders issues it, placed `agoMs` before now. */
const orderPlaced = (agoMs: number) =>
  Types.ObjectId.createFromTime(Math.floor((Date.now() - agoMs) / 1000)).toHexString();

describe('a reservation that arrives after its tombstone may be gone', () => {
  it('when the order was placed longer ago than the hold retention, then nothing is held', async () => {
    const product = await store.repository.create({
      ...buildProduct({ stock: 5 }),
      description: null,
    });
    const orderId = orderPlaced(retentionMs + 60_000);

    const reply = await stock.reserve({
      v: 1,
      orderId,
      items: [{ productId: product.id, quantity: 2 }],
    });

    expect(reply).toEqual({
      v: 1,
      orderId,
      outcome: 'refused',
      reason: 'released',
      productId: product.id,
    });
    const stored = await store.model.findById(product.id).lean();
    expect(stored?.stock).toBe(5);
    expect(stored?.holds ?? []).toEqual([]);
  });

  it('when the order is recent, then it is held as usual', async () => {
    const product = await store.repository.create({
      ...buildProduct({ stock: 5, priceCents: 700 }),
      description: null,
    });
    const orderId = orderPlaced(60_000);

    const reply = await stock.reserve({
      v: 1,
      orderId,
      items: [{ productId: product.id, quantity: 2 }],
    });

    expect(reply).toEqual({
      v: 1,
      orderId,
      outcome: 'reserved',
      items: [{ productId: product.id, quantity: 2, unitPriceCents: 700 }],
    });
    expect((await store.model.findById(product.id).lean())?.stock).toBe(3);
  });
});
