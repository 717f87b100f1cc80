import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@fedshop/logger';
import type { OrderEventPayload } from '@fedshop/queues';
import type { RunningService } from '@fedshop/service-kit';
import {
  startQueueTestScope,
  startTestDatabaseServer,
  type QueueTestScope,
  type TestDatabaseServer,
} from '@fedshop/testing';
import {
  loadUsersConfig,
  orderConfirmationId,
  startUsersService,
  startUsersWorker,
  type NotificationMessage,
  type NotificationProvider,
} from '@fedshop/users';
import { buildUsersEnv } from './factories.js';

const logger = createLogger({ service: 'users', level: 'silent' });

let database: TestDatabaseServer;
let scope: QueueTestScope;
let uri: string;
let client: MongoClient;
let connection: Redis;
let events: Queue;
const running: RunningService[] = [];

beforeAll(async () => {
  database = await startTestDatabaseServer();
});

afterAll(async () => {
  await database?.stop();
});

beforeEach(async () => {
  scope = startQueueTestScope();
  uri = database.uniqueDatabaseUri('users_notifications');
  client = await new MongoClient(uri).connect();
  connection = new Redis(scope.url, { maxRetriesPerRequest: null });
  events = new Queue('order-events', { connection, prefix: scope.prefix });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
  await events.close();
  connection.disconnect();
  await client.close();
  await scope.cleanup();
});

const env = (overrides: Record<string, string> = {}) =>
  buildUsersEnv({ USERS_MONGODB_URI: uri, ...scope.env, ...overrides });

async function startService(overrides: Record<string, string> = {}) {
  const service = await startUsersService(loadUsersConfig(env(overrides)), { logger });
  running.push(service);
  return service;
}

async function startWorker(provider?: NotificationProvider) {
  const worker = await startUsersWorker(loadUsersConfig(env({ WORKER_MODE: 'separate' })), {
    logger,
    ...(provider ? { provider } : {}),
  });
  running.push(worker);
  return worker;
}

/** A customer in the users collection (the worker reads the address from there). */
async function insertCustomer(): Promise<{ id: string; email: string; name: string }> {
  const email = `buyer-${randomUUID().slice(0, 8)}@example.test`;
  const { insertedId } = await client.db().collection('users').insertOne({
    email,
    name: 'Ada Buyer',
    role: 'CUSTOMER',
    passwordHash: 'not-used-here',
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  return { id: insertedId.toHexString(), email, name: 'Ada Buyer' };
}

const orderConfirmed = (userId: string, orderId = randomUUID()): OrderEventPayload => ({
  v: 1,
  type: 'order-confirmed',
  orderId,
  userId,
  totalCents: 12_345,
  at: new Date().toISOString(),
});

async function publish(data: object, jobId = `event-${randomUUID()}`): Promise<Job> {
  return events.add('order-confirmed', data, {
    jobId,
    attempts: 3,
    backoff: { type: 'fixed', delay: 50 },
  });
}

/** Resolves once the job is finished (completed or failed for good), with its state. */
async function settled(job: Job): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const state = await events.getJobState(job.id!);
    if (state === 'completed' || state === 'failed') return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${job.id} did not finish`);
}

const notifications = () => client.db().collection('notifications');

/** A provider that counts what it is given (and fails the first `failures` calls). */
function countingProvider(failures = 0) {
  const delivered: NotificationMessage[] = [];
  let calls = 0;
  const provider: NotificationProvider = {
    name: 'counting',
    async deliver(message) {
      calls += 1;
      if (calls <= failures) throw new Error('mail relay unreachable');
      delivered.push(message);
      return { providerMessageId: `mail-${calls}` };
    },
  };
  return { provider, delivered, calls: () => calls };
}

describe('order-confirmation notifications', () => {
  it('when an order-confirmed event arrives, then the users service records one confirmation for the customer', async () => {
    const customer = await insertCustomer();
    await startService();
    const event = orderConfirmed(customer.id);

    expect(await settled(await publish(event))).toBe('completed');

    const stored = await notifications().find({ orderId: event.orderId }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toEqual(
      expect.objectContaining({
        _id: orderConfirmationId(event.orderId),
        kind: 'order-confirmation',
        userId: customer.id,
        to: customer.email,
        subject: `Your fedshop order ${event.orderId} is confirmed`,
        status: 'delivered',
        provider: 'record',
        deliveredAt: expect.any(Date),
      }),
    );
    expect(stored[0]!.text).toContain('Hello Ada Buyer');
    expect(stored[0]!.text).toContain('Total: 123.45');
  });

  it('when the same event is delivered twice (two jobs, or a replay), then there is one message and one delivery', async () => {
    const customer = await insertCustomer();
    const counting = countingProvider();
    await startWorker(counting.provider);
    const event = orderConfirmed(customer.id);

    expect(await settled(await publish(event))).toBe('completed');
    expect(await settled(await publish(event))).toBe('completed');
    const first = await events.getJobs(['completed']);
    expect(first.map((job) => job.returnvalue).sort()).toEqual(['already-delivered', 'delivered']);

    expect(await notifications().countDocuments({ orderId: event.orderId })).toBe(1);
    expect(counting.delivered.map(({ id }) => id)).toEqual([orderConfirmationId(event.orderId)]);
    expect((await notifications().findOne({ orderId: event.orderId }))?.providerMessageId).toBe(
      'mail-1',
    );
  });

  it('when the provider fails, then the job is retried and the same recorded message is delivered once', async () => {
    const customer = await insertCustomer();
    const counting = countingProvider(1);
    await startWorker(counting.provider);
    const event = orderConfirmed(customer.id);

    const job = await publish(event);
    expect(await settled(job)).toBe('completed');
    expect((await events.getJob(job.id!))?.attemptsMade).toBe(2);
    expect(counting.calls()).toBe(2);
    expect(counting.delivered).toHaveLength(1);
    const stored = await notifications().find({ orderId: event.orderId }).toArray();
    expect(stored.map(({ status, provider }) => ({ status, provider }))).toEqual([
      { status: 'delivered', provider: 'counting' },
    ]);
  });

  it('when the payload is bad or names an unknown customer, then the job fails at once, stays failed and nothing is recorded', async () => {
    await startService();
    const bad = await publish({ v: 1, type: 'order-confirmed', orderId: 'x', email: 'a@b.c' });
    const unknown = await publish(orderConfirmed('0123456789abcdef01234567'));

    expect(await settled(bad)).toBe('failed');
    expect(await settled(unknown)).toBe('failed');
    const [badJob, unknownJob] = await Promise.all([
      events.getJob(bad.id!),
      events.getJob(unknown.id!),
    ]);
    expect(badJob?.attemptsMade).toBe(1);
    expect(badJob?.failedReason).toMatch(/^bad payload: /);
    expect(badJob?.failedReason).not.toContain('a@b.c');
    expect(unknownJob?.attemptsMade).toBe(1);
    expect(unknownJob?.failedReason).toBe('no user 0123456789abcdef01234567');
    expect(await notifications().countDocuments()).toBe(0);
  });
});

describe('WORKER_MODE=separate', () => {
  it('when the worker runs apart, then the service consumes nothing and the worker process records the message, then stops on SIGTERM', async () => {
    const customer = await insertCustomer();
    await startService({ WORKER_MODE: 'separate' });
    const event = orderConfirmed(customer.id);
    const job = await publish(event);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await events.getJobState(job.id!)).toBe('waiting');

    const entry = fileURLToPath(new URL('../src/worker.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=@fedshop/source', '--import', 'tsx', entry],
      {
        env: { ...process.env, ...env({ WORKER_MODE: 'separate', LOG_LEVEL: 'info' }) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Compiling the sources on start-up takes seconds on a busy machine.
      await new Promise<void>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('users worker consuming order-events')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
      });
      expect(await settled(job)).toBe('completed');
      expect(await notifications().countDocuments({ orderId: event.orderId })).toBe(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it('when the separate worker has no USERS_MONGODB_URI, then it refuses to start, naming it', async () => {
    const config = loadUsersConfig(buildUsersEnv({ ...scope.env, WORKER_MODE: 'separate' }));
    await expect(startUsersWorker(config, { logger })).rejects.toThrow(/USERS_MONGODB_URI/);
  });
});
