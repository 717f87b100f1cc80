import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appServices,
  credentialVariables,
  dependenciesOf,
  environmentOf,
  healthcheckCommand,
  interpolateCompose,
  namedVolumesOf,
  placeholderShell,
  publishedHostPorts,
  readComposeFile,
  repoRoot,
  subgraphNames,
  workerOf,
  workerServices,
} from './compose-file.js';

const compose = readComposeFile();
const services = compose.services;
const mongoUriVariables = {
  users: 'USERS_MONGODB_URI',
  products: 'PRODUCTS_MONGODB_URI',
  orders: 'ORDERS_MONGODB_URI',
} as const;
const appPorts = { users: 4001, products: 4002, orders: 4003, gateway: 4000 } as const;
/** The required credentials, so URLs that carry them can be parsed. */
const credentials = placeholderShell(credentialVariables);

describe('docker-compose.yml', () => {
  it('when the file is read, then it defines the four services, their three workers, three MongoDBs and Redis', () => {
    expect(Object.keys(services).sort()).toEqual(
      [...appServices, ...workerServices, 'users-db', 'products-db', 'orders-db', 'redis'].sort(),
    );
    for (const db of ['users-db', 'products-db', 'orders-db']) {
      expect(services[db]?.image, db).toBe('mongo:7');
    }
    expect(services.redis?.image).toBe('redis:7');
  });

  it('when a service depends on another, then the target exists and waits for its health check', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependenciesOf(service))) {
        const dependency = services[target];
        expect(dependency, `${name} depends on unknown service ${target}`).toBeDefined();
        if (dependency && healthcheckCommand(dependency) !== '') {
          expect(condition, `${name} → ${target}`).toBe('service_healthy');
        }
      }
    }
  });

  it('when each subgraph names its MongoDB, then the host is its own db service and it waits for it', () => {
    for (const subgraph of subgraphNames) {
      const service = services[subgraph];
      expect(service).toBeDefined();
      const uri = environmentOf(service!)[mongoUriVariables[subgraph]];
      expect(uri, `${subgraph} ${mongoUriVariables[subgraph]}`).toBeDefined();
      const url = new URL(interpolateCompose(uri!, credentials));
      expect(url.protocol).toBe('mongodb:');
      expect(url.hostname).toBe(`${subgraph}-db`);
      expect(url.pathname).toBe(`/${subgraph}`);
      expect(dependenciesOf(service!)[`${subgraph}-db`]).toBe('service_healthy');
    }
  });

  it('when the db services are counted by their users, then each serves one app service and its worker', () => {
    for (const subgraph of subgraphNames) {
      const db = `${subgraph}-db`;
      const users = Object.keys(services).filter((name) => {
        const service = services[name]!;
        const mentionsDb = Object.values(environmentOf(service)).some((value) =>
          value.includes(`//${db}:`),
        );
        return mentionsDb || db in dependenciesOf(service);
      });
      expect(users.sort(), db).toEqual([subgraph, workerOf(subgraph)].sort());
    }
  });

  it('when the workers run apart, then each runs dist/worker.js of its service image, with its environment, and the service leaves the queues to it', () => {
    for (const subgraph of subgraphNames) {
      const worker = services[workerOf(subgraph)]!;
      const service = services[subgraph]!;
      expect(worker.build, subgraph).toEqual(service.build);
      expect(worker.image, subgraph).toBeDefined();
      expect(worker.image, subgraph).toBe(service.image);
      expect(worker.command, subgraph).toEqual(['node', `subgraphs/${subgraph}/dist/worker.js`]);
      expect(existsSync(join(repoRoot, `subgraphs/${subgraph}/src/worker.ts`)), subgraph).toBe(
        true,
      );
      const workerEnv = environmentOf(worker);
      const serviceEnv = environmentOf(service);
      expect(workerEnv.WORKER_MODE, subgraph).toBe('separate');
      expect(serviceEnv.WORKER_MODE, subgraph).toBe('separate');
      for (const shared of [mongoUriVariables[subgraph], 'REDIS_URL', 'NODE_ENV', 'LOG_LEVEL']) {
        expect(workerEnv[shared], `${subgraph} ${shared}`).toBeDefined();
        expect(workerEnv[shared], `${subgraph} ${shared}`).toBe(serviceEnv[shared]);
      }
      // No HTTP listener: no port, no seeding, no /readyz probe (the image's is turned off).
      expect(workerEnv[`${subgraph.toUpperCase()}_PORT`], subgraph).toBeUndefined();
      expect(
        Object.keys(workerEnv).filter((key) => key.startsWith('SEED_')),
        subgraph,
      ).toEqual([]);
      expect(worker.healthcheck?.disable, subgraph).toBe(true);
      expect(publishedHostPorts(worker), subgraph).toEqual([]);
      expect(dependenciesOf(worker), subgraph).toEqual({
        [`${subgraph}-db`]: 'service_healthy',
        redis: 'service_healthy',
      });
      // Stopped with SIGTERM through init; the job in hand may finish (at most 10 s).
      const { init, stop_grace_period: grace } = worker as {
        init?: boolean;
        stop_grace_period?: string;
      };
      expect(init, subgraph).toBe(true);
      expect(grace, subgraph).toBe('15s');
    }
  });

  it('when ports are published, then only the gateway publishes, on 4000, and no host port repeats', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      publishedHostPorts(service).map((hostPort) => ({ name, hostPort })),
    );
    expect(published).toEqual([{ name: 'gateway', hostPort: '4000' }]);
    expect(services.gateway?.ports).toEqual(['4000:4000']);
    const hostPorts = published.map(({ hostPort }) => hostPort);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('when an app service is checked for health, then it probes its own /readyz with node', () => {
    for (const name of appServices) {
      const command = healthcheckCommand(services[name]!);
      expect(command, name).toContain(`http://127.0.0.1:${appPorts[name]}/readyz`);
      expect(command, name).toMatch(/^CMD node -e /);
    }
  });

  it('when a data service is checked for health, then MongoDB is pinged with mongosh and Redis with redis-cli', () => {
    for (const db of ['users-db', 'products-db', 'orders-db']) {
      expect(healthcheckCommand(services[db]!)).toContain(`mongosh`);
      expect(healthcheckCommand(services[db]!)).toContain(`db.adminCommand('ping')`);
    }
    expect(healthcheckCommand(services.redis!)).toMatch(/redis-cli .*\bping\b/);
  });

  it('when Redis starts, then append-only persistence is on', () => {
    const command = services.redis?.command;
    const words = Array.isArray(command) ? command : String(command).split(/\s+/);
    const flag = words.indexOf('--appendonly');
    expect(flag).toBeGreaterThanOrEqual(0);
    expect(words[flag + 1]).toBe('yes');
  });

  it('when an image is built, then its Dockerfile exists and the context is the repository root', () => {
    for (const name of appServices) {
      const build = services[name]?.build;
      expect(typeof build, name).toBe('object');
      if (typeof build !== 'object') continue;
      expect(build.context, name).toBe('.');
      expect(build.dockerfile, name).toBeDefined();
      expect(existsSync(join(repoRoot, build.context ?? '.', build.dockerfile!)), name).toBe(true);
    }
  });

  it('when a service mounts a named volume, then the volume is declared', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = Object.values(services).flatMap(namedVolumesOf);
    expect(used.length).toBeGreaterThanOrEqual(4);
    for (const volume of used) expect(declared, volume).toContain(volume);
    for (const db of ['users-db', 'products-db', 'orders-db']) {
      expect(namedVolumesOf(services[db]!), db).toHaveLength(1);
    }
    expect(namedVolumesOf(services.redis!)).toHaveLength(1);
  });

  it('when the app services are configured, then they run in production, listen on all interfaces and reach Redis by name', () => {
    for (const name of appServices) {
      const env = environmentOf(services[name]!);
      expect(env.NODE_ENV, name).toBe('production');
      expect(env.HOST, name).toBe('0.0.0.0');
      expect(new URL(interpolateCompose(env.REDIS_URL!, credentials)).host, name).toBe(
        'redis:6379',
      );
      expect(dependenciesOf(services[name]!).redis, name).toBe('service_healthy');
    }
  });

  it('when the gateway routes to subgraphs, then SUBGRAPH_URLS names each subgraph service and port', () => {
    const gateway = services.gateway!;
    const urls = Object.fromEntries(
      environmentOf(gateway)
        .SUBGRAPH_URLS!.split(',')
        .map((entry) => entry.split('=') as [string, string]),
    );
    expect(urls).toEqual({
      users: 'http://users:4001/graphql',
      products: 'http://products:4002/graphql',
      orders: 'http://orders:4003/graphql',
    });
    for (const subgraph of subgraphNames) {
      expect(dependenciesOf(gateway)[subgraph], subgraph).toBe('service_healthy');
    }
  });

  it('when the gateway starts, then Apollo telemetry is off unless the user turns it on', () => {
    expect(environmentOf(services.gateway!).APOLLO_TELEMETRY_DISABLED).toBe(
      '${APOLLO_TELEMETRY_DISABLED:-true}',
    );
  });
});
