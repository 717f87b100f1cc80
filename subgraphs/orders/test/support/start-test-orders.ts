import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import { createLogger } from '@fedshop/logger';
import {
  startQueueTestScope,
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

/**
 * The real service on a free port, over its own fresh database, its queues under a
 * prefix of their own (no products worker: orders stay PENDING unless a test replies).
 */
export async function startTestOrders(env: Record<string, string> = {}): Promise<TestOrders> {
  const database: TestDatabaseServer = await startTestDatabaseServer();
  const queues = startQueueTestScope();
  try {
    const config = loadOrdersConfig({
      ...testKeyEnvironment,
      ...queues.env,
      ORDERS_PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ORDERS_MONGODB_URI: database.uniqueDatabaseUri('orders'),
      ...env,
    });
    const service = await startOrdersService(config, { logger: silentLogger() });
    return {
      service,
      stop: async () => {
        await service.stop();
        await database.stop();
        await queues.cleanup();
      },
    };
  } catch (error) {
    await database.stop();
    await queues.cleanup();
    throw error;
  }
}
