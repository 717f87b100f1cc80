import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@fedshop/gateway';
import { createLogger } from '@fedshop/logger';
import { loadOrdersConfig, startOrdersService } from '@fedshop/orders';
import { loadProductsConfig, startProductsService } from '@fedshop/products';
import { startQueueTestScope, startTestDatabaseServer, testKeyEnvironment } from '@fedshop/testing';
import { loadUsersConfig, startUsersService } from '@fedshop/users';

export const committedSupergraph = fileURLToPath(
  new URL('../../supergraph.graphql', import.meta.url),
);

export const testAdmin = { email: 'admin@e2e.test', password: 'admin-e2e-password' };

interface Stoppable {
  stop(): Promise<void>;
}

export interface FedshopSystem {
  gateway: RunningGateway;
  /** Stops the products subgraph (to test outages); `startProducts` brings it back on the same port. */
  stopProducts(): Promise<void>;
  startProducts(): Promise<void>;
  stop(): Promise<void>;
}

const silent = createLogger({ service: 'e2e', level: 'silent' });

/**
 * The whole system in this process, as `npm start` runs it: three subgraphs on free ports,
 * each with its own database, and the gateway serving the committed supergraph in front of
 * them (SUBGRAPH_URLS points it at the ports actually bound).
 */
export interface FedshopSystemOptions {
  /** Extra gateway variables (limits, budgets). */
  gatewayEnv?: Record<string, string>;
  /** Extra users variables (token lifetimes, sign-in limits). */
  usersEnv?: Record<string, string>;
  /**
   * Extra variables for every subgraph (queue and workflow settings: `WORKER_CONCURRENCY`,
   * `ORDER_PENDING_TIMEOUT_SECONDS`, ...). Queues get a prefix of their own on the shared
   * Redis, removed on stop.
   */
  subgraphEnv?: Record<string, string>;
}

export async function startFedshopSystem({
  gatewayEnv = {},
  usersEnv = {},
  subgraphEnv = {},
}: FedshopSystemOptions = {}): Promise<FedshopSystem> {
  const databases = await startTestDatabaseServer();
  const queues = startQueueTestScope();
  const common = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...queues.env,
    ...subgraphEnv,
  };
  const users = await startUsersService(
    loadUsersConfig({
      ...testKeyEnvironment,
      ...common,
      USERS_PORT: '0',
      USERS_MONGODB_URI: databases.uniqueDatabaseUri('users'),
      SEED_ADMIN_EMAIL: testAdmin.email,
      SEED_ADMIN_PASSWORD: testAdmin.password,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      // Sign-in limits of its own, roomy: every test signs in from 127.0.0.1.
      AUTH_RATE_LIMIT_KEY_PREFIX: `fedshop-test:auth:${randomUUID()}`,
      AUTH_RATE_LIMIT_POINTS: '1000',
      ...usersEnv,
    }),
    { logger: silent },
  );
  const productsEnv = {
    ...common,
    PRODUCTS_MONGODB_URI: databases.uniqueDatabaseUri('products'),
    SEED_DEMO_PRODUCTS: 'true',
  };
  let products: Stoppable & { port: number; graphqlUrl: string } = await startProductsService(
    loadProductsConfig({
      ...testKeyEnvironment,
      ...productsEnv,
      PRODUCTS_PORT: '0',
    }),
    { logger: silent },
  );
  const productsPort = products.port;
  const orders = await startOrdersService(
    loadOrdersConfig({
      ...testKeyEnvironment,
      ...common,
      ORDERS_PORT: '0',
      ORDERS_MONGODB_URI: databases.uniqueDatabaseUri('orders'),
    }),
    { logger: silent },
  );
  const gateway = await startGateway(
    loadGatewayConfig({
      ...testKeyEnvironment,
      ...common,
      GATEWAY_PORT: '0',
      SUPERGRAPH_PATH: committedSupergraph,
      SUBGRAPH_URLS: `users=${users.graphqlUrl},products=${products.graphqlUrl},orders=${orders.graphqlUrl}`,
      SUBGRAPH_TIMEOUT_MS: '5000',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      // Budgets of its own in the shared Redis.
      RATE_LIMIT_KEY_PREFIX: `fedshop-test:${randomUUID()}`,
      ...gatewayEnv,
    }),
    { logger: silent },
  );
  let productsRunning = true;
  return {
    gateway,
    async stopProducts() {
      await products.stop();
      productsRunning = false;
    },
    async startProducts() {
      products = await startProductsService(
        loadProductsConfig({
          ...testKeyEnvironment,
          ...productsEnv,
          PRODUCTS_PORT: String(productsPort),
        }),
        { logger: silent },
      );
      productsRunning = true;
    },
    async stop() {
      await gateway.stop();
      await Promise.all([
        users.stop(),
        orders.stop(),
        productsRunning ? products.stop() : undefined,
      ]);
      await databases.stop();
      await queues.cleanup();
    },
  };
}

/** A unique, valid sign-up for one test. */
export function buildSignUp(
  overrides: Partial<{ email: string; password: string; name: string }> = {},
) {
  return {
    email: `shopper-${randomUUID().slice(0, 8)}@e2e.test`,
    password: 'correct-horse-battery',
    name: 'Ada Shopper',
    ...overrides,
  };
}
