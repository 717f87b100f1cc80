import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@fedshop/logger';
import { loadOrdersConfig, startOrdersService } from '@fedshop/orders';
import { loadProductsConfig, startProductsService } from '@fedshop/products';
import type { CrashPointName } from '@fedshop/queues';
import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import {
  findFreePort,
  internalTokenHeaders,
  startQueueTestScope,
  startTestDatabaseServer,
  subgraphRequest,
  testKeyEnvironment,
  type QueueTestScope,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { buildCustomer, eventually, type StoredHold } from '../support/workflow-system.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const silent = createLogger({ service: 'crash-test', level: 'silent' });

interface Worker {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
  output: () => string;
}

/** `src/worker.ts` of a service as a real process (what WORKER_MODE=separate runs). */
function spawnWorker(service: 'orders' | 'products', env: Record<string, string>): Worker {
  const child = spawn(
    process.execPath,
    ['--conditions=@fedshop/source', '--import', 'tsx', `subgraphs/${service}/src/worker.ts`],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited, output: () => lines.join('') };
}

interface Rig {
  databases: TestDatabaseServer;
  queues: QueueTestScope;
  productsDb: Db;
  ordersDb: Db;
  orders: RunningSubgraph;
  products: RunningSubgraph;
  env: { products: Record<string, string>; orders: Record<string, string> };
  workers: Worker[];
  clients: MongoClient[];
}

const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    for (const worker of rig.workers) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await rig.orders.stop();
    await rig.products.stop();
    for (const client of rig.clients) await client.close();
    await rig.databases.stop();
    await rig.queues.cleanup();
  }
});

/** Both services in this process (WORKER_MODE=separate: no workers here), workers outside. */
async function startRig({ ordersRedisUrl }: { ordersRedisUrl?: string } = {}): Promise<Rig> {
  const databases = await startTestDatabaseServer();
  const queues = startQueueTestScope();
  const productsUri = databases.uniqueDatabaseUri('products');
  const ordersUri = databases.uniqueDatabaseUri('orders');
  const common = {
    ...testKeyEnvironment,
    ...queues.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    WORKER_MODE: 'separate',
    OUTBOX_SWEEP_MS: '200',
  };
  const env = {
    products: { ...common, PRODUCTS_MONGODB_URI: productsUri },
    orders: { ...common, ORDERS_MONGODB_URI: ordersUri },
  };
  const products = await startProductsService(
    loadProductsConfig({ ...env.products, PRODUCTS_PORT: '0', SEED_DEMO_PRODUCTS: 'false' }),
    { logger: silent },
  );
  const orders = await startOrdersService(
    loadOrdersConfig({
      ...env.orders,
      ORDERS_PORT: '0',
      ...(ordersRedisUrl ? { REDIS_URL: ordersRedisUrl } : {}),
    }),
    { logger: silent },
  );
  const productsClient = await MongoClient.connect(productsUri);
  const ordersClient = await MongoClient.connect(ordersUri);
  const rig: Rig = {
    databases,
    queues,
    productsDb: productsClient.db(),
    ordersDb: ordersClient.db(),
    orders,
    products,
    env,
    workers: [],
    clients: [productsClient, ordersClient],
  };
  rigs.push(rig);
  return rig;
}

async function addProduct(rig: Rig, stock: number): Promise<string> {
  const _id = new ObjectId();
  const now = new Date();
  await rig.productsDb.collection('products').insertOne({
    _id,
    sku: `SKU-${_id.toHexString()}`,
    name: 'Crash test product',
    description: null,
    priceCents: 300,
    stock,
    createdAt: now,
    updatedAt: now,
  });
  return _id.toHexString();
}

async function placeOrders(rig: Rig, lines: { productId: string; quantity: number }[][]) {
  return Promise.all(
    lines.map(async (items) => {
      const response = await subgraphRequest<{ placeOrder: { id: string } }>(
        'orders',
        rig.orders.graphqlUrl,
        'mutation P($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        {
          variables: { input: { items } },
          headers: internalTokenHeaders('orders', buildCustomer()),
        },
      );
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.placeOrder.id;
    }),
  );
}

/** After recovery: every order final, stock + active holds = initial, one hold per order and product. */
async function expectConsistent(rig: Rig, initial: Map<string, number>, orderIds: string[]) {
  await eventually(async () => {
    const pending = await rig.ordersDb
      .collection('orders')
      .countDocuments({ status: { $nin: ['CONFIRMED', 'REJECTED'] } });
    return pending === 0;
  }, 40_000);
  const orders = await rig.ordersDb.collection('orders').find().toArray();
  expect(orders.map((order) => order._id.toHexString()).sort()).toEqual([...orderIds].sort());
  for (const [productId, stockBefore] of initial) {
    // Releases of rejected orders may still be in flight: wait for the holds to settle.
    await eventually(async () => {
      const product = await rig.productsDb
        .collection('products')
        .findOne({ _id: new ObjectId(productId) });
      const holds = (product?.holds ?? []) as StoredHold[];
      const confirmed = orders
        .filter((order) => order.status === 'CONFIRMED')
        .filter((order) =>
          (order.items as { productId: string }[]).some((item) => item.productId === productId),
        )
        .map((order) => order._id.toHexString());
      const active = holds.filter((hold) => !hold.released);
      return (
        active.length === confirmed.length &&
        active.every((hold) => confirmed.includes(hold.orderId))
      );
    }, 20_000);
    const product = await rig.productsDb
      .collection('products')
      .findOne({ _id: new ObjectId(productId) });
    const holds = (product?.holds ?? []) as StoredHold[];
    const held = holds
      .filter((hold) => !hold.released)
      .reduce((sum, hold) => sum + hold.quantity, 0);
    expect(product!.stock + held).toBe(stockBefore);
    const perOrder = new Map<string, number>();
    for (const hold of holds) perOrder.set(hold.orderId, (perOrder.get(hold.orderId) ?? 0) + 1);
    // One reservation write per order and product (a release flips it, never adds one).
    expect([...perOrder.values()].every((count) => count === 1)).toBe(true);
  }
}

const orderLines = (a: string, b: string) =>
  Array.from({ length: 6 }, (_, index) =>
    index % 2 === 0
      ? [{ productId: a, quantity: 1 }]
      : [
          { productId: a, quantity: 1 },
          { productId: b, quantity: 1 },
        ],
  );

describe('crash points in separate worker processes', () => {
  it.each<CrashPointName>(['after-stock-update', 'after-reply'])(
    'when the products worker is killed %s, then a restarted one finishes every order with no double effect',
    async (point) => {
      const rig = await startRig();
      const a = await addProduct(rig, 4);
      const b = await addProduct(rig, 2);
      rig.workers.push(spawnWorker('orders', rig.env.orders));
      const doomed = spawnWorker('products', { ...rig.env.products, FEDSHOP_CRASH_POINT: point });
      rig.workers.push(doomed);
      const ids = await placeOrders(rig, orderLines(a, b));
      expect(await doomed.exited, doomed.output()).toBe('SIGKILL');
      rig.workers.push(spawnWorker('products', rig.env.products));
      await expectConsistent(
        rig,
        new Map([
          [a, 4],
          [b, 2],
        ]),
        ids,
      );
    },
    // Three real worker processes start from TypeScript sources: slow on a busy machine.
    180_000,
  );

  it('when the orders relay is killed between publish and mark-sent, then the entry goes out again and counts once', async () => {
    // The service process cannot reach Redis, so the worker's relay sends every entry.
    const closed = await findFreePort();
    const rig = await startRig({ ordersRedisUrl: `redis://127.0.0.1:${closed}` });
    const a = await addProduct(rig, 4);
    const b = await addProduct(rig, 2);
    rig.workers.push(spawnWorker('products', rig.env.products));
    const ids = await placeOrders(rig, orderLines(a, b));
    const doomed = spawnWorker('orders', {
      ...rig.env.orders,
      FEDSHOP_CRASH_POINT: 'after-publish',
    });
    rig.workers.push(doomed);
    expect(await doomed.exited, doomed.output()).toBe('SIGKILL');
    // It died holding entries it had published but not marked.
    const unsent = await rig.ordersDb
      .collection('orders')
      .countDocuments({ 'outbox.seq': { $gte: 1 } });
    expect(unsent).toBeGreaterThan(0);
    rig.workers.push(spawnWorker('orders', rig.env.orders));
    await expectConsistent(
      rig,
      new Map([
        [a, 4],
        [b, 2],
      ]),
      ids,
    );
  }, 180_000);
});
