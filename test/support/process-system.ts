import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { startQueueTestScope, testKeyEnvironment } from '@fedshop/testing';
import { resolvePorts } from '../../scripts/lib/free-port.js';
import { serviceEnvironment, type LaunchSettings } from '../../scripts/lib/service-env.js';
import { ServiceProcess, type ServiceExit } from '../../scripts/lib/service-process.js';
import {
  allServices,
  baseUrl,
  subgraphServices,
  serviceCommand,
  type ServiceSpec,
} from '../../scripts/lib/services.js';
import { waitForReady } from '../../scripts/lib/wait-for-ready.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const host = '127.0.0.1';

/** One service running as its own process, exactly as `npm start` runs it. */
export interface RunningProcess {
  name: ServiceSpec['name'];
  url: string;
  graphqlUrl: string;
  process: ServiceProcess;
  /** Everything it printed so far (for assertions and for failure messages). */
  output(): string;
}

export interface ProcessSystemOptions {
  /** Extra variables for every service (e.g. a private `REDIS_URL`). */
  env?: NodeJS.ProcessEnv;
  /** Which services to run, in start order. @defaultValue all of them */
  services?: readonly ServiceSpec[];
}

export interface ProcessSystem {
  services: ReadonlyMap<ServiceSpec['name'], RunningProcess>;
  /** The gateway's `/graphql`, when the gateway runs. */
  graphqlUrl: string;
  /** Starts one more process of `spec` (a second gateway, say) on a free port of its own. */
  startExtra(spec: ServiceSpec): Promise<RunningProcess>;
  /** SIGTERM to every process, newest first; resolves with how each ended. */
  stop(): Promise<{ name: string; exit: ServiceExit }[]>;
}

/**
 * The system as child processes on free ports, started with the launcher's own commands
 * and environment (`serviceEnvironment`), with a `DATA_DIR` of their own that is removed
 * on stop. For tests that need real processes: two
 * gateways, a service killed with SIGKILL, exit codes after SIGTERM.
 */
export async function startProcessSystem({
  env = {},
  services: specs = allServices,
}: ProcessSystemOptions = {}): Promise<ProcessSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fedshop-processes-'));
  const ports = await resolvePorts(
    allServices.map((spec) => ({ variable: spec.portVariable, port: 0 })),
    host,
  );
  const settings: LaunchSettings = {
    host,
    dataDir,
    redisUrl: env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ports: new Map(allServices.map((spec, index) => [spec.name, ports[index] ?? 0])),
    portVariables: new Map(allServices.map((spec) => [spec.name, spec.portVariable])),
  };
  // Queues of their own in that Redis, removed on stop.
  const queues = startQueueTestScope(settings.redisUrl);
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    ...testKeyEnvironment,
    QUEUE_PREFIX: queues.prefix,
    // Budgets of their own in whatever Redis they use (every gateway of this system shares them).
    RATE_LIMIT_KEY_PREFIX: `fedshop-test:${randomUUID()}`,
    AUTH_RATE_LIMIT_KEY_PREFIX: `fedshop-test:auth:${randomUUID()}`,
    ...env,
  };
  // No *_MONGODB_URI: each subgraph opens its embedded store under the private DATA_DIR.
  for (const spec of subgraphServices) delete base[spec.mongoUriVariable];
  const started: RunningProcess[] = [];

  async function start(spec: ServiceSpec, port: number): Promise<RunningProcess> {
    const environment = serviceEnvironment(spec, base, settings);
    environment[spec.portVariable] = String(port);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const child = new ServiceProcess({
      name: spec.name,
      ...serviceCommand(spec),
      cwd: repoRoot,
      env: environment,
      prefix: '',
      stdout: sink,
      stderr: sink,
    });
    const url = baseUrl(host, port);
    const running: RunningProcess = {
      name: spec.name,
      url,
      graphqlUrl: `${url}/graphql`,
      process: child,
      output: () => lines.join(''),
    };
    started.push(running);
    const exited = new AbortController();
    void child.exited.then(() => exited.abort());
    try {
      await waitForReady(`${url}/readyz`, { timeoutMs: 60_000, signal: exited.signal });
    } catch (error) {
      throw new Error(`${spec.name} did not become ready:\n${running.output()}`, { cause: error });
    }
    return running;
  }

  async function stop(): Promise<{ name: string; exit: ServiceExit }[]> {
    const exits: { name: string; exit: ServiceExit }[] = [];
    for (const running of [...started].reverse()) {
      exits.push({ name: running.name, exit: await running.process.stop() });
    }
    await rm(dataDir, { recursive: true, force: true });
    await queues.cleanup();
    return exits;
  }

  try {
    for (const spec of specs) await start(spec, settings.ports.get(spec.name) ?? 0);
  } catch (error) {
    await stop();
    throw error;
  }
  const services = new Map(started.map((running) => [running.name, running]));
  return {
    services,
    graphqlUrl: services.get('gateway')?.graphqlUrl ?? '',
    startExtra: async (spec) => {
      const [port = 0] = await resolvePorts([{ variable: spec.portVariable, port: 0 }], host);
      return start(spec, port);
    },
    stop,
  };
}
