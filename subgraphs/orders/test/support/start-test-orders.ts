import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import { createLogger } from '@fedshop/logger';
import {
  startTestDatabaseServer,
  type TestDatabaseServer,
  testKeyEnvironment,
} from '@fedshop/testing';
import { loadOrdersConfig, startOrdersService } from '@fedshop/orders';

export interface TestOrders {
  service: RunningSubgraph;
  stop(): Promise<void>;
}

export const silentLogger = () => createLogger({ service: 'orders-test', level: 'silent' });

/** The real service on a free port, over its own fresh database. */
export async function startTestOrders(): Promise<TestOrders> {
  const database: TestDatabaseServer = await startTestDatabaseServer();
  try {
    const config = loadOrdersConfig({
      ...testKeyEnvironment,
      ORDERS_PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ORDERS_MONGODB_URI: database.uniqueDatabaseUri('orders'),
    });
    const service = await startOrdersService(config, { logger: silentLogger() });
    return {
      service,
      stop: async () => {
        await service.stop();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
