import { MongoClient, ObjectId, type Db } from 'mongodb';
import { createLogger } from '@fedshop/logger';
import { loadOrdersConfig, startOrdersService } from '@fedshop/orders';
import { loadProductsConfig, startProductsService } from '@fedshop/products';
import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import {
  internalTokenHeaders,
  startQueueTestScope,
  startTestDatabaseServer,
  subgraphRequest,
  testKeyEnvironment,
  type GraphQLResponse,
  type QueueTestScope,
  type TestDatabaseServer,
} from '@fedshop/testing';

export interface Viewer {
  userId: string;
  role: 'CUSTOMER' | 'ADMIN';
}

export const newId = () => new ObjectId().toHexString();
export const buildCustomer = (): Viewer => ({ userId: newId(), role: 'CUSTOMER' });

export interface OrderView {
  id: string;
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
  items: { product: { id: string }; quantity: number; unitPriceCents: number | null }[];
  totalCents: number | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

const orderFields = /* GraphQL */ `
  fragment WorkflowOrder on Order {
    id
    status
    items {
      product {
        id
      }
      quantity
      unitPriceCents
    }
    totalCents
    rejectionReason
    createdAt
    updatedAt
  }
`;

/** A stored stock hold, as the products database has it. */
export interface StoredHold {
  orderId: string;
  quantity: number;
  unitPriceCents: number;
  released: boolean;
}

export interface WorkflowSystem {
  orders: RunningSubgraph;
  products: RunningSubgraph;
  queues: QueueTestScope;
  /** The products database through the driver (arranging stock, reading holds). */
  productsDb: Db;
  ordersDb: Db;
  addProduct(fields?: { stock?: number; priceCents?: number }): Promise<string>;
  product(id: string): Promise<{ stock: number; holds: StoredHold[] }>;
  placeOrder(
    viewer: Viewer,
    input: { items: { productId: string; quantity: number }[]; idempotencyKey?: string },
  ): Promise<GraphQLResponse<{ placeOrder: OrderView }>>;
  order(viewer: Viewer, id: string): Promise<OrderView | null>;
  cancelOrder(viewer: Viewer, id: string): Promise<GraphQLResponse<{ cancelOrder: OrderView }>>;
  /** Polls the order until `done` says so (or fails after `timeoutMs`). */
  waitForOrder(
    viewer: Viewer,
    id: string,
    done?: (order: OrderView) => boolean,
    timeoutMs?: number,
  ): Promise<OrderView>;
  stop(): Promise<void>;
}

export interface WorkflowSystemOptions {
  /** Variables for both services (queue and workflow settings). */
  env?: Record<string, string>;
  /** Variables for products only (e.g. `WORKER_MODE: 'separate'`: no stock worker here). */
  productsEnv?: Record<string, string>;
  /** Another Redis (a private one for outage tests); default the shared one. */
  redisUrl?: string;
}

const silent = createLogger({ service: 'workflow-test', level: 'silent' });

/**
 * The orders and products subgraphs in this process with their workers inline, each on
 * its own database, their queues under a prefix of their own (removed on stop).
 */
export async function startWorkflowSystem({
  env = {},
  productsEnv = {},
  redisUrl,
}: WorkflowSystemOptions = {}): Promise<WorkflowSystem> {
  const databases: TestDatabaseServer = await startTestDatabaseServer();
  const queues = startQueueTestScope(redisUrl);
  const productsUri = databases.uniqueDatabaseUri('products');
  const ordersUri = databases.uniqueDatabaseUri('orders');
  const common = {
    ...testKeyEnvironment,
    ...queues.env,
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    OUTBOX_SWEEP_MS: '200',
    ...env,
  };
  const products = await startProductsService(
    loadProductsConfig({
      ...common,
      PRODUCTS_PORT: '0',
      PRODUCTS_MONGODB_URI: productsUri,
      SEED_DEMO_PRODUCTS: 'false',
      ...productsEnv,
    }),
    { logger: silent },
  );
  const orders = await startOrdersService(
    loadOrdersConfig({ ...common, ORDERS_PORT: '0', ORDERS_MONGODB_URI: ordersUri }),
    { logger: silent },
  );
  const productsClient = await MongoClient.connect(productsUri);
  const ordersClient = await MongoClient.connect(ordersUri);
  const productsDb = productsClient.db();
  const ordersDb = ordersClient.db();

  const call = <T>(viewer: Viewer | null, query: string, variables: Record<string, unknown>) =>
    subgraphRequest<T>('orders', orders.graphqlUrl, query, {
      variables,
      headers: internalTokenHeaders('orders', viewer),
    });

  const system: WorkflowSystem = {
    orders,
    products,
    queues,
    productsDb,
    ordersDb,
    async addProduct({ stock = 10, priceCents = 1000 } = {}) {
      const now = new Date();
      const _id = new ObjectId();
      await productsDb.collection('products').insertOne({
        _id,
        sku: `SKU-${_id.toHexString()}`,
        name: 'Workflow test product',
        description: null,
        priceCents,
        stock,
        createdAt: now,
        updatedAt: now,
      });
      return _id.toHexString();
    },
    async product(id) {
      const found = await productsDb.collection('products').findOne({ _id: new ObjectId(id) });
      if (!found) throw new Error(`no product ${id}`);
      return { stock: found.stock as number, holds: (found.holds ?? []) as StoredHold[] };
    },
    placeOrder: (viewer, input) =>
      call(
        viewer,
        `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { ...WorkflowOrder } } ${orderFields}`,
        { input },
      ),
    async order(viewer, id) {
      const response = await call<{ order: OrderView | null }>(
        viewer,
        `query One($id: ID!) { order(id: $id) { ...WorkflowOrder } } ${orderFields}`,
        { id },
      );
      if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
      return response.body.data?.order ?? null;
    },
    cancelOrder: (viewer, id) =>
      call(
        viewer,
        `mutation Cancel($id: ID!) { cancelOrder(id: $id) { ...WorkflowOrder } } ${orderFields}`,
        { id },
      ),
    async waitForOrder(
      viewer,
      id,
      done = (order) => order.status !== 'PENDING',
      timeoutMs = 15_000,
    ) {
      const deadline = Date.now() + timeoutMs;
      let last: OrderView | null = null;
      while (Date.now() < deadline) {
        last = await system.order(viewer, id);
        if (last && done(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`order ${id} still ${last?.status ?? 'missing'} after ${timeoutMs} ms`);
    },
    async stop() {
      await productsClient.close();
      await ordersClient.close();
      await orders.stop();
      await products.stop();
      await databases.stop();
      await queues.cleanup();
    },
  };
  return system;
}

/** Polls `check` until it returns true. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
