import { listen } from '@fedshop/service-kit';
import { databaseReadiness, openServiceDatabase } from '@fedshop/subgraph-kit';
import { startTestDatabaseServer, testKeyEnvironment } from '@fedshop/testing';
import {
  createOrderRepository,
  createOrdersApp,
  loadOrdersConfig,
  type OrderRepository,
} from '@fedshop/orders';
import { silentLogger } from './start-test-orders.js';

export interface CountingOrders {
  graphqlUrl: string;
  /** Every read the service made through the repository since the last `reset()`. */
  reads: { method: 'findById' | 'findByIds'; ids: string[] }[];
  resetReads(): void;
  stop(): Promise<void>;
}

/**
 * The real app over the real repository and database, with the repository's reads
 * recorded on the way through, so a test can count the queries one request made.
 */
export async function startCountingOrders(): Promise<CountingOrders> {
  const logger = silentLogger();
  const server = await startTestDatabaseServer();
  const database = await openServiceDatabase({
    service: 'orders',
    uri: server.uniqueDatabaseUri('orders'),
    logger,
  });
  const real = await createOrderRepository(database.connection);
  const reads: CountingOrders['reads'] = [];
  const repository: OrderRepository = {
    ...real,
    findById: (id) => {
      reads.push({ method: 'findById', ids: [id] });
      return real.findById(id);
    },
    findByIds: (ids) => {
      reads.push({ method: 'findByIds', ids: [...ids] });
      return real.findByIds(ids);
    },
  };
  const { app, apollo } = await createOrdersApp({
    repositories: { orders: repository },
    config: loadOrdersConfig({
      ...testKeyEnvironment,
      NODE_ENV: 'test',
      ORDERS_MONGODB_URI: server.uniqueDatabaseUri(),
    }),
    logger,
    readiness: [databaseReadiness(database.connection)],
  });
  const http = await listen(app, 0, '127.0.0.1');
  return {
    graphqlUrl: `${http.url}/graphql`,
    reads,
    resetReads: () => {
      reads.length = 0;
    },
    stop: async () => {
      await http.close();
      await apollo.stop();
      await database.close();
      await server.stop();
    },
  };
}
