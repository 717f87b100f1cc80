import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import { findFreePort } from '../../scripts/lib/free-port.js';
import { expectPrivateTree } from './private-tree.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const readyTimeoutMs = 90_000;
const stopTimeoutMs = 15_000;
/** Placement to CONFIRMED through the separate workers (milliseconds when they run). */
const orderTimeoutMs = 15_000;

interface Launch {
  process: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const launches: Launch[] = [];
const dataDirs: string[] = [];

/** `npm start` without npm in between, so signals reach the launcher itself. */
function launch(env: NodeJS.ProcessEnv): Launch {
  const child = spawn(
    process.execPath,
    ['--conditions=@fedshop/source', '--import', 'tsx', 'scripts/start.ts'],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = { process: child, output: () => text, exited };
  launches.push(started);
  return started;
}

function launcherEnvironment(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    USERS_PORT: '0',
    PRODUCTS_PORT: '0',
    ORDERS_PORT: '0',
    GATEWAY_PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: 'redis://127.0.0.1:6379',
    // Sign-in limits of its own in the shared Redis.
    AUTH_RATE_LIMIT_KEY_PREFIX: `fedshop-test:auth:${randomUUID()}`,
    // Queues of its own on the shared Redis (never the default prefix a real run uses).
    QUEUE_PREFIX: `test-${randomUUID()}`,
    SEED_DEMO_PRODUCTS: 'true',
    ...overrides,
  };
  delete env.JWT_SECRET;
  for (const variable of ['USERS_MONGODB_URI', 'PRODUCTS_MONGODB_URI', 'ORDERS_MONGODB_URI']) {
    delete env[variable];
  }
  return env;
}

async function waitForOutput(
  { output, exited }: Launch,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  let exit: unknown;
  void exited.then((result) => (exit = result));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = output().match(pattern);
    if (match) return match;
    if (exit) throw new Error(`launcher exited (${JSON.stringify(exit)}):\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${output()}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms),
    ),
  ]);
}

/** True while any process is left in the group the launcher started the child in. */
/**
 * Whether any process of the group is still running. Zombies do not count: a process
 * killed after its parent exited waits for init to reap it, and not every init is quick.
 */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

function childPids(output: string): Map<string, number> {
  return new Map(
    [...output.matchAll(/([\w-]+) started \(pid (\d+)\)/g)].map((match) => [
      match[1]!,
      Number(match[2]),
    ]),
  );
}

/**
 * A launcher still running here means a test failed midway: ask it to stop its children,
 * and only if it cannot, kill it and them (their groups are alive then, so the pids are
 * still theirs).
 */
afterAll(async () => {
  for (const launched of launches) {
    const { process: child, output, exited } = launched;
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), stopTimeoutMs)),
    ]);
    if (stopped) continue;
    for (const pid of childPids(output()).values()) {
      if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
    }
    child.kill('SIGKILL');
  }
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}, stopTimeoutMs + 10_000);

describe('npm start', () => {
  it(
    'when started with free ports, then the gateway serves the seeded demo products, and SIGINT stops every child',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fedshop-start-'));
      dataDirs.push(dataDir);
      const launcher = launch(launcherEnvironment({ DATA_DIR: dataDir }));

      const [, gatewayUrl] = await waitForOutput(
        launcher,
        /ready\. Gateway: (http:\/\/\S+\/graphql)/,
        readyTimeoutMs,
      );
      const pids = childPids(launcher.output());
      expect([...pids.keys()].sort()).toEqual(['gateway', 'orders', 'products', 'users']);

      const response = await graphqlRequest<{
        products: { edges: { node: { name: string } }[] };
      }>(gatewayUrl!, '{ products(first: 2) { edges { node { name } } } }');
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      const names = response.body.data?.products.edges.map(({ node }) => node.name) ?? [];
      expect(names).toHaveLength(2);
      for (const name of names) expect(name).toMatch(/\S/);

      // The generated keys are kept private and no private part is ever printed; the users
      // service publishes the public halves, and a login through the gateway verifies.
      for (const name of [
        'token-signing-keys.json',
        'internal-signing-keys.json',
        'jwks.json',
        'internal-jwks.json',
      ]) {
        expect((await stat(join(dataDir, name))).mode & 0o777, name).toBe(0o600);
      }
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      for (const name of ['token-signing-keys.json', 'internal-signing-keys.json']) {
        const { keys } = JSON.parse(await readFile(join(dataDir, name), 'utf8')) as {
          keys: { d: string }[];
        };
        expect(keys[0]?.d).toMatch(/\S{20}/);
        expect(launcher.output()).not.toContain(keys[0]!.d);
      }
      const login = await graphqlRequest<{ logIn: { token: string } }>(
        gatewayUrl!,
        'mutation { logIn(email: "admin@fedshop.local", password: "fedshop-admin-password") { token } }',
      );
      const me = await graphqlRequest<{ me: { role: string } }>(gatewayUrl!, '{ me { role } }', {
        headers: { authorization: `Bearer ${login.body.data?.logIn.token}` },
      });
      expect(me.body).toEqual({ data: { me: { role: 'ADMIN' } } });
      // Every store requires its service's credentials; DATA_DIR is private throughout.
      for (const name of ['users', 'products', 'orders']) {
        const file = join(dataDir, `${name}.mongo-credentials.json`);
        expect((await readFile(file, 'utf8')).length, file).toBeGreaterThan(0);
      }
      await expectPrivateTree(dataDir);

      launcher.process.kill('SIGINT');
      const exit = await withTimeout(launcher.exited, stopTimeoutMs, 'stopping');
      expect(exit, launcher.output()).toEqual({ code: 0, signal: null });
      for (const [name, pid] of pids) {
        expect(groupAlive(pid), `${name} (pid ${pid}) is still running`).toBe(false);
      }
    },
    readyTimeoutMs + stopTimeoutMs + 30_000,
  );

  it(
    'when a service dies during start-up, then the others are stopped and it exits 1 naming the service',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fedshop-start-'));
      dataDirs.push(dataDir);
      const env = launcherEnvironment({ DATA_DIR: dataDir });
      // A config error: orders exits at once while users and products are still starting.
      env.ORDERS_MONGODB_URI = 'not-a-mongodb-uri';
      const launcher = launch(env);

      const exit = await withTimeout(launcher.exited, readyTimeoutMs, 'failing');
      expect(exit.code, launcher.output()).toBe(1);
      expect(launcher.output()).toContain('orders exited during start-up (exit code 1)');
      expect(launcher.output()).toContain('ORDERS_MONGODB_URI');
      expect(launcher.output()).not.toContain('gateway started');
      const pids = childPids(launcher.output());
      expect([...pids.keys()].sort()).toEqual(['orders', 'products', 'users']);
      for (const [name, pid] of pids) {
        expect(groupAlive(pid), `${name} (pid ${pid}) is still running`).toBe(false);
      }
    },
    readyTimeoutMs + 30_000,
  );

  it(
    'when its terminal is gone and it gets SIGTERM, then it still stops every child and exits 0',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fedshop-start-'));
      dataDirs.push(dataDir);
      const launcher = launch(launcherEnvironment({ DATA_DIR: dataDir }));
      await waitForOutput(launcher, /ready\. Gateway: (http:\/\/\S+\/graphql)/, readyTimeoutMs);
      const pids = childPids(launcher.output());

      // The reading end closes (a closed terminal, `| head`): every later write is EPIPE.
      launcher.process.stdout?.destroy();
      launcher.process.stderr?.destroy();
      launcher.process.kill('SIGTERM');

      const exit = await withTimeout(launcher.exited, stopTimeoutMs, 'stopping');
      expect(exit).toEqual({ code: 0, signal: null });
      for (const [name, pid] of pids) {
        expect(groupAlive(pid), `${name} (pid ${pid}) is still running`).toBe(false);
      }
    },
    readyTimeoutMs + stopTimeoutMs + 30_000,
  );

  it(
    'when WORKER_MODE=separate, then each subgraph has a worker process and a shared store, an order placed through the gateway is CONFIRMED, and SIGTERM stops them all',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fedshop-start-'));
      dataDirs.push(dataDir);
      const launcher = launch(launcherEnvironment({ DATA_DIR: dataDir, WORKER_MODE: 'separate' }));
      const [, gatewayUrl] = await waitForOutput(
        launcher,
        /ready\. Gateway: (http:\/\/\S+\/graphql)/,
        readyTimeoutMs,
      );
      const pids = childPids(launcher.output());
      const subgraphs = ['users', 'products', 'orders'];
      expect([...pids.keys()].sort()).toEqual(
        [
          'gateway',
          ...subgraphs.flatMap((name) => [name, `${name}-worker`, `${name}-store`]),
        ].sort(),
      );

      const signUp = await graphqlRequest<{ signUp: { token: string } }>(
        gatewayUrl!,
        'mutation($input: SignUpInput!) { signUp(input: $input) { token } }',
        {
          variables: {
            input: {
              email: `separate-${randomUUID()}@example.com`,
              password: 'separate-workers-password',
              name: 'Separate Workers',
            },
          },
        },
      );
      expect(signUp.body.errors, JSON.stringify(signUp.body)).toBeUndefined();
      const headers = { authorization: `Bearer ${signUp.body.data!.signUp.token}` };
      const products = await graphqlRequest<{
        products: { edges: { node: { id: string; stock: number } }[] };
      }>(gatewayUrl!, '{ products(first: 20) { edges { node { id stock } } } }');
      const inStock = products.body.data?.products.edges.find(({ node }) => node.stock > 0);
      expect(inStock, JSON.stringify(products.body)).toBeDefined();

      // Only the separate products and orders workers can move it on from PENDING.
      const placed = await graphqlRequest<{ placeOrder: { id: string; status: string } }>(
        gatewayUrl!,
        'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }',
        {
          variables: { input: { items: [{ productId: inStock!.node.id, quantity: 1 }] } },
          headers,
        },
      );
      expect(placed.body.errors, JSON.stringify(placed.body)).toBeUndefined();
      const orderId = placed.body.data!.placeOrder.id;
      const deadline = Date.now() + orderTimeoutMs;
      let status = placed.body.data!.placeOrder.status;
      while (status === 'PENDING' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const read = await graphqlRequest<{ order: { status: string } }>(
          gatewayUrl!,
          'query($id: ID!) { order(id: $id) { status } }',
          { variables: { id: orderId }, headers },
        );
        status = read.body.data?.order.status ?? `unreadable: ${JSON.stringify(read.body)}`;
      }
      expect(status, launcher.output()).toBe('CONFIRMED');

      launcher.process.kill('SIGTERM');
      const exit = await withTimeout(launcher.exited, stopTimeoutMs, 'stopping');
      expect(exit, launcher.output()).toEqual({ code: 0, signal: null });
      expect(launcher.output()).not.toContain('did not stop cleanly');
      for (const [name, pid] of pids) {
        expect(groupAlive(pid), `${name} (pid ${pid}) is still running`).toBe(false);
      }
    },
    readyTimeoutMs + orderTimeoutMs + stopTimeoutMs + 30_000,
  );

  it('when Redis cannot be reached, then it exits 1 at once with one line naming REDIS_URL', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fedshop-start-'));
    dataDirs.push(dataDir);
    const closedPort = await findFreePort('127.0.0.1');
    const launcher = launch(
      launcherEnvironment({ DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${closedPort}` }),
    );

    const exit = await withTimeout(launcher.exited, 10_000, 'failing');
    expect(exit.code).toBe(1);
    const lines = launcher.output().trim().split('\n');
    expect(lines, launcher.output()).toHaveLength(1);
    expect(lines[0]).toContain(`REDIS_URL=redis://127.0.0.1:${closedPort}`);
    expect(lines[0]).toContain('redis-server');
    expect(launcher.output()).not.toMatch(/\n\s+at /);
    expect(childPids(launcher.output()).size).toBe(0);
  });
});
