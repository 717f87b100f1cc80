/**
 * `npm start`: the whole system on this machine. Checks Redis, settles ports and the key
 * files, starts the three subgraphs (each with its embedded database under DATA_DIR),
 * then the gateway, waits for each `/readyz`, and stops everything on Ctrl-C.
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
import { describeRedisUrl, pingRedis } from './lib/redis-ping.js';
import { serviceEnvironment, type LaunchSettings } from './lib/service-env.js';
import { describeExit, type ServiceProcess } from './lib/service-process.js';
import {
  allServices,
  baseUrl,
  gatewayService,
  serviceCommand,
  subgraphServices,
  type ServiceSpec,
} from './lib/services.js';
import { Supervisor } from './lib/supervisor.js';
import { waitForReady } from './lib/wait-for-ready.js';

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
const supervisor = new Supervisor((service, exit) => {
  const when = startup.signal.aborted ? 'unexpectedly' : 'during start-up';
  complain(
    `${service.name} exited ${when} (${describeExit(exit)}); see its output above. Stopping the others.`,
  );
  void shutDown(1);
});

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
  const redisUrl = env.REDIS_URL || defaultRedisUrl;
  await checkRedis(redisUrl);

  const host = env.HOST || defaultHost;
  const dataDir = resolve(env.DATA_DIR || defaultDataDir);
  await makeDataDirPrivate(dataDir);
  const requested = allServices.map((spec) => ({
    variable: spec.portVariable,
    port: parsePort(spec.portVariable, env[spec.portVariable], spec.defaultPort),
  }));
  const ports = await resolvePorts(requested, host);
  const keys = await ensureKeyFiles(dataDir);
  announce(`data in ${dataDir}; Redis at ${describeRedisUrl(redisUrl)}`);
  announce(
    keys.generated.length > 0
      ? `generated token and internal signing keys in ${dataDir}`
      : `signing keys kept in ${dataDir}`,
  );

  const settings: LaunchSettings = {
    host,
    dataDir,
    redisUrl,
    ports: new Map(allServices.map((spec, index) => [spec.name, ports[index] ?? 0])),
    portVariables: new Map(allServices.map((spec) => [spec.name, spec.portVariable])),
  };

  await Promise.all(subgraphServices.map((spec) => startService(spec, settings)));
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

function onSignal(signal: NodeJS.Signals): void {
  if (stopping && Date.now() - firstSignalAt < repeatedSignalGraceMs) return;
  if (stopping) {
    complain(`${signal} again: killing every service now`);
    supervisor.killAll();
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
  const stopped = await supervisor.stopAll();
  const unclean = stopped.filter(({ exit }) => exit.code !== 0 && exit.signal !== 'SIGTERM');
  for (const { name, exit } of unclean) {
    if (exitCode === 0) complain(`${name} did not stop cleanly (${describeExit(exit)})`);
  }
  if (stopped.length > 0) announce('stopped');
  process.exit(exitCode === 0 && unclean.length > 0 ? 1 : exitCode);
}
