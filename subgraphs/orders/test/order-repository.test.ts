import { openServiceDatabase, type ServiceDatabase } from '@fedshop/subgraph-kit';
import { startTestDatabaseServer, type TestDatabaseServer } from '@fedshop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderRepository } from '@fedshop/orders';
import { silentLogger } from './support/start-test-orders.js';

let server: TestDatabaseServer;
let database: ServiceDatabase;

beforeAll(async () => {
  server = await startTestDatabaseServer();
  database = await openServiceDatabase({
    service: 'orders',
    uri: server.uniqueDatabaseUri('orders-repository'),
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await database?.close();
  await server?.stop();
});

describe('createOrderRepository', () => {
  it('when the repository is created, then the index for a user’s orders already exists', async () => {
    await createOrderRepository(database.connection);
    const indexes = await database.connection.collection('orders').indexes();
    expect(indexes.map((index) => index.key)).toContainEqual({ userId: 1, _id: -1 });
  });
});
