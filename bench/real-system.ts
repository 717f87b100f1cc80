// The real subgraphs on the fixed data set: one in-memory embedded store (a database per
// subgraph), seeded straight through the driver, and the three subgraph processes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { findFreePort } from '../scripts/lib/free-port.js';
import type { LaunchSettings } from '../scripts/lib/service-env.js';
import { allServices, baseUrl, subgraphServices } from '../scripts/lib/services.js';
import { spawnService, type BenchChild } from './child-process.js';
import { repoRoot } from './paths.js';
import { seedCollections, type SeedSize } from './seed-data.js';
import { launchService } from './service-launch.js';

export interface RealSystem {
  /** `users` → `http://127.0.0.1:port/graphql`. */
  subgraphUrls: Map<string, string>;
  settings: LaunchSettings;
  /** The embedded store all three databases live in (`mongodb://host:port`). */
  storeUri: string;
  /** The store and the subgraphs, by name: what the suites read CPU time of. */
  processes: { name: string; pid: number }[];
  stop(): Promise<void>;
}

export const host = '127.0.0.1';
export const defaultRedisUrl = 'redis://127.0.0.1:6379';

/** Ports for every service in the catalogue, all free now. */
export async function launchSettings(dataDir: string): Promise<LaunchSettings> {
  const ports = new Map<string, number>();
  for (const spec of allServices) {
    let port = await findFreePort(host);
    while ([...ports.values()].includes(port)) port = await findFreePort(host);
    ports.set(spec.name, port);
  }
  return {
    host,
    dataDir,
    redisUrl: process.env.REDIS_URL || defaultRedisUrl,
    ports,
    portVariables: new Map(allServices.map((spec) => [spec.name, spec.portVariable])),
  };
}

async function startStore(
  logDir: string,
  cpu: string | number | undefined,
): Promise<{ uri: string; child: BenchChild }> {
  const logFile = join(logDir, 'embedded-mongo.log');
  const port = await findFreePort(host);
  const node = [
    'shared/embedded-mongo/bin/embedded-mongo.js',
    '--port',
    String(port),
    '--host',
    host,
  ];
  const child = spawnService({
    name: 'embedded-mongo',
    ...(cpu === undefined
      ? { command: process.execPath, args: node }
      : { command: 'taskset', args: ['-c', String(cpu), process.execPath, ...node] }),
    cwd: repoRoot,
    env: process.env,
    logFile,
  });
  const uri = `mongodb://${host}:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (!child.running()) break;
    if ((await readFile(logFile, 'utf8')).includes('mongodb://')) return { uri, child };
    await sleep(250);
  }
  await child.stop();
  throw new Error(`the embedded store did not start; see ${logFile}`);
}

async function seed(uri: string, size: SeedSize): Promise<void> {
  const client = new MongoClient(uri, { directConnection: true });
  try {
    await client.connect();
    for (const { database, collection, documents } of seedCollections(size)) {
      const target = client.db(database).collection(collection);
      for (let i = 0; i < documents.length; i += 1_000) {
        await target.insertMany(documents.slice(i, i + 1_000), { ordered: true });
      }
    }
  } finally {
    await client.close();
  }
}

/** Starts the store, seeds it, then the three subgraphs (NODE_ENV=production). */
export async function startRealSystem(options: {
  size: SeedSize;
  settings: LaunchSettings;
  logDir: string;
  /** The run's key variables (the subgraphs read INTERNAL_JWKS_FILE). */
  keyEnv: Record<string, string>;
  /** Cores the subgraphs and the store run on (`0-1`); unset: this process's. */
  cpu?: number | string;
  /** Variables on top of the run's for every subgraph. */
  extraEnv?: Record<string, string>;
}): Promise<RealSystem> {
  const store = await startStore(options.logDir, options.cpu);
  const started: BenchChild[] = [store.child];
  const stop = async () => {
    for (const child of started.reverse()) await child.stop();
  };
  try {
    await seed(store.uri, options.size);
    const launches = await Promise.allSettled(
      subgraphServices.map((spec) =>
        launchService(spec, {
          settings: options.settings,
          logDir: options.logDir,
          ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
          extraEnv: {
            NODE_ENV: 'production',
            ...options.keyEnv,
            // The subgraphs' own naming: <NAME>_MONGODB_URI, one database each.
            [`${spec.name.toUpperCase()}_MONGODB_URI`]: `${store.uri}/${spec.name}`,
            SEED_DEMO_PRODUCTS: 'false',
            ...options.extraEnv,
          },
        }),
      ),
    );
    for (const launch of launches) if (launch.status === 'fulfilled') started.push(launch.value);
    const failed = launches.find((launch) => launch.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const subgraphUrls = new Map(
    subgraphServices.map((spec) => [
      spec.name,
      `${baseUrl(host, options.settings.ports.get(spec.name) ?? 0)}/graphql`,
    ]),
  );
  const processes = started.map((child) => ({ name: child.name, pid: child.pid }));
  return { subgraphUrls, settings: options.settings, storeUri: store.uri, processes, stop };
}
