/**
 * `npm start`: the whole system on this machine. Checks Redis, settles ports and the key
 * files, starts the three subgraphs (each with its embedded database under DATA_DIR),
 * then the gateway, waits for each `/readyz`, and stops everything on Ctrl-C.
 * `WORKER_MODE=separate`: each subgraph's worker runs as a process of its own with the
 * subgraph's environment; the embedded stores they share run as processes of the
 * launcher, stopped last.
 */
import { resolve } from 'node:path';
import { defaultDataDir, defaultHost, defaultRedisUrl } from '@fedshop/config';
import { fileURLToPath } from 'node:url';
import { messageOf } from './lib/describe-failure.js';
import { formatLogLine } from './lib/format-log-line.js';
import { parsePort, resolvePorts } from './lib/free-port.js';
import { ensureKeyFiles } from './lib/key-files.js';
import { makeDataDirPrivate } from './lib/private-data-dir.js';
import { LauncherError } from './lib/launcher-error.js';
import { announce, complain, ignoreClosedOutput, linePrefix } from './lib/launcher-output.js';
import { startEmbeddedStore, storeName } from './lib/embedded-store.js';
import { describeRedisUrl, pingRedis } from './lib/redis-ping.js';
import { serviceEnvironment, type LaunchSettings } from './lib/service-env.js';
import { describeExit, type ServiceExit, type ServiceProcess } from './lib/service-process.js';
import {
  allServices,
  baseUrl,
  gatewayService,
  serviceCommand,
  subgraphServices,
  workerCommand,
  workerName,
  type ServiceSpec,
  type SubgraphSpec,
} from './lib/services.js';
import { Supervisor } from './lib/supervisor.js';
import { waitForReady } from './lib/wait-for-ready.js';
import { parseWorkerMode } from './lib/worker-mode.js';

ignoreClosedOutput();
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const exampleQuery = JSON.stringify({
  query: '{ products(first: 2) { edges { node { name priceCents stock } } } }',
});

// Module state is declared before the first `await`: a signal may arrive at any moment.
/**
 * A terminal's Ctrl-C reaches both npm and this process, and npm forwards it again, so a
 * repeat this soon is the same keypress, not a second request.
 */
const repeatedSignalGraceMs = 1_000;
let firstSignalAt = 0;
let stopping = false;
const startup = new AbortController();
const supervisor = new Supervisor(onUnexpectedExit);
/** The embedded stores the launcher runs itself: stopped after every service that uses them. */
const stores = new Supervisor(onUnexpectedExit);

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  await main();
} catch (error) {
  if (!stopping) {
    complain(
      error instanceof LauncherError ? error.message : `failed to start: ${messageOf(error)}`,
    );
    await shutDown(error instanceof LauncherError ? error.exitCode : 1);
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const workerMode = parseWorkerMode(env.WORKER_MODE);
  const redisUrl = env.REDIS_URL || defaultRedisUrl;
  await checkRedis(redisUrl);

  const host = env.HOST || defaultHost;
  const dataDir = resolve(env.DATA_DIR || defaultDataDir);
  await makeDataDirPrivate(dataDir);
  const requested = allServices.map((spec) => ({
    variable: spec.portVariable,
    port: parsePort(spec.portVariable, env[spec.portVariable], spec.defaultPort),
  }));
  const keys = await ensureKeyFiles(dataDir);
  announce(`data in ${dataDir}; Redis at ${describeRedisUrl(redisUrl)}`);
  announce(
    keys.generated.length > 0
      ? `generated token and internal signing keys in ${dataDir}`
      : `signing keys kept in ${dataDir}`,
  );
  // Stores first: they listen on a port the system picks, which the services' free ports
  // must then avoid (a port found free is not held until its service binds it).
  const storeUris = workerMode === 'separate' ? await startSharedStores(dataDir) : undefined;
  const ports = await resolvePorts(requested, host);

  const settings: LaunchSettings = {
    host,
    dataDir,
    redisUrl,
    ports: new Map(allServices.map((spec, index) => [spec.name, ports[index] ?? 0])),
    portVariables: new Map(allServices.map((spec) => [spec.name, spec.portVariable])),
    ...(storeUris ? { storeUris } : {}),
  };

  await Promise.all(
    subgraphServices.map(async (spec) => {
      await startService(spec, settings);
      if (workerMode === 'separate') startWorker(spec, settings);
    }),
  );
  await startService(gatewayService, settings);
  startup.abort();

  const gatewayUrl = `${baseUrl(host, settings.ports.get('gateway') ?? 0)}/graphql`;
  announce(`ready. Gateway: ${gatewayUrl}`);
  announce(
    `try: curl -s ${gatewayUrl} -H 'content-type: application/json' --data '${exampleQuery}'`,
  );
  announce('press Ctrl-C to stop');
}

async function checkRedis(redisUrl: string): Promise<void> {
  try {
    await pingRedis(redisUrl);
  } catch (error) {
    throw new LauncherError(
      `Cannot reach Redis at REDIS_URL=${describeRedisUrl(redisUrl)} (${messageOf(error)}): ` +
        'start it with `redis-server` (or `docker run -d -p 6379:6379 redis:7`), or set REDIS_URL to a running Redis.',
    );
  }
}

async function startService(spec: ServiceSpec, settings: LaunchSettings): Promise<ServiceProcess> {
  const service = supervisor.start({
    name: spec.name,
    ...serviceCommand(spec),
    cwd: repoRoot,
    env: serviceEnvironment(spec, process.env, settings),
    prefix: linePrefix(spec.name),
    formatLine: formatLogLine,
  });
  announce(`${spec.name} started (pid ${service.pid})`);
  const url = baseUrl(settings.host, settings.ports.get(spec.name) ?? 0);
  try {
    await waitForReady(`${url}/readyz`, { signal: startup.signal });
  } catch (error) {
    if (stopping || startup.signal.aborted) throw error;
    throw new LauncherError(
      `${spec.name} was not ready in time (${url}/readyz did not answer 200); see its output above.`,
    );
  }
  announce(`${spec.name} ready at ${url}/graphql`);
  return service;
}

/**
 * A subgraph and its separate worker must use one database, and a process's own embedded
 * store is reachable by nobody else: so the launcher runs the store of every subgraph
 * whose `*_MONGODB_URI` is unset, and hands both processes its URI.
 */
async function startSharedStores(dataDir: string): Promise<Map<string, string>> {
  const own = subgraphServices.filter((spec) => !process.env[spec.mongoUriVariable]);
  const started = await Promise.all(
    own.map(async (spec) => {
      const store = await startEmbeddedStore(stores, {
        spec,
        dataDir,
        output: {
          cwd: repoRoot,
          prefix: linePrefix(storeName(spec)),
          formatLine: formatLogLine,
        },
        signal: startup.signal,
      });
      announce(
        `${store.process.name} started (pid ${store.process.pid}), shared by ${spec.name} and ${workerName(spec)}`,
      );
      return [spec.name, store.uri] as const;
    }),
  );
  return new Map(started);
}

/** No HTTP listener to wait for: a worker that fails to start exits, and that stops the rest. */
function startWorker(spec: SubgraphSpec, settings: LaunchSettings): ServiceProcess {
  const name = workerName(spec);
  const worker = supervisor.start({
    name,
    ...workerCommand(spec),
    cwd: repoRoot,
    env: serviceEnvironment(spec, process.env, settings),
    prefix: linePrefix(name),
    formatLine: formatLogLine,
  });
  announce(`${name} started (pid ${worker.pid})`);
  return worker;
}

function onUnexpectedExit(service: ServiceProcess, exit: ServiceExit): void {
  const when = startup.signal.aborted ? 'unexpectedly' : 'during start-up';
  complain(
    `${service.name} exited ${when} (${describeExit(exit)}); see its output above. Stopping the others.`,
  );
  void shutDown(1);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping && Date.now() - firstSignalAt < repeatedSignalGraceMs) return;
  if (stopping) {
    complain(`${signal} again: killing every service now`);
    supervisor.killAll();
    stores.killAll();
    process.exit(130);
  }
  firstSignalAt = Date.now();
  announce(`${signal}: stopping every service (Ctrl-C again to kill them at once)`);
  void shutDown(0);
}

async function shutDown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  startup.abort();
  const stopped = [...(await supervisor.stopAll()), ...(await stores.stopAll())];
  const unclean = stopped.filter(({ exit }) => exit.code !== 0 && exit.signal !== 'SIGTERM');
  for (const { name, exit } of unclean) {
    if (exitCode === 0) complain(`${name} did not stop cleanly (${describeExit(exit)})`);
  }
  if (stopped.length > 0) announce('stopped');
  process.exit(exitCode === 0 && unclean.length > 0 ? 1 : exitCode);
}
