// The gateway suite: ours and stock @apollo/gateway in front of replay subgraphs
// (gateway-bound: the per-core ratio), and ours in front of the real subgraphs on the
// fixed data set (end-to-end). Each gateway runs alone, pinned to one core.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchKeys, internalHeadersFor } from './bench-keys.js';
import { describeRedisUrl, pingRedis } from '../scripts/lib/redis-ping.js';
import { baseUrl, subgraphServices } from '../scripts/lib/services.js';
import { waitForReady } from '../scripts/lib/wait-for-ready.js';
import { spawnService } from './child-process.js';
import type { GatewayMode } from './cli-args.js';
import { pinCores } from './cpu-pinning.js';
import { runDirectLoad, type DirectLoadOptions, type PlanSource } from './direct-runner.js';
import { startGateway, type GatewayTarget, type RunningGateway } from './gateways.js';
import { runHttpLoad, type HttpLoadSample, type RequestSource } from './load-runner.js';
import { runOverload, type OverloadResult } from './overload.js';
import { gatewayRecordingPath, repoRoot } from './paths.js';
import { treeUsage, watchPeakRss } from './process-stats.js';
import { launchSettings, startRealSystem } from './real-system.js';
import { readRecording } from './recording.js';
import { directSource, gatewaySource, trafficModes, type TrafficMode } from './request-sources.js';
import { benchViewer, directScenario, gatewayScenarios, type ScenarioName } from './scenarios.js';
import { serviceCommand, untilReadyOrExit } from './service-launch.js';
import { median, summarise, type LoadSample } from './stats.js';

export interface GatewaySuiteOptions {
  modes: GatewayMode[];
  rounds: number;
  durationSeconds: number;
  /** Requests of each scenario a freshly started gateway gets before anything counts. */
  initialWarmupRequests: number;
  /** Each measurement makes at least this many requests per connection. */
  minimumPerConnection: number;
  /** Requests per connection before each measurement (0: none, the quick run). */
  warmupPerConnection: number;
  concurrency: number[];
  /** Our gateway's variants to run (`--edge`, `--internal-tokens`); stock runs beside them. */
  ourTargets: GatewayTarget[];
  /** Also the overload figure (gateway-bound). */
  overload: boolean;
  onProgress: (line: string) => void;
}

export type CellTarget = GatewayTarget | 'direct';

export interface CellSample extends LoadSample {
  /** CPU time of the gateway's process tree per request; null for direct calls. */
  cpuSecondsPerRequest: number | null;
  /** Peak RSS of the gateway's process tree during the measurement; null for direct calls. */
  peakRssBytes: number | null;
}

export interface GatewayCell {
  mode: GatewayMode;
  target: CellTarget;
  scenario: ScenarioName;
  traffic: TrafficMode;
  concurrency: number;
  /** One per round; `median` holds each figure's median over them. */
  samples: CellSample[];
  median: CellSample;
}

export interface GatewaySuiteResult {
  options: Omit<GatewaySuiteOptions, 'onProgress'>;
  pinning: string;
  recording: { path: string; capturedAt: string };
  cells: GatewayCell[];
  overload?: OverloadResult;
}

export function quickGatewayOptions(quick: boolean) {
  return quick
    ? {
        rounds: 1,
        durationSeconds: 0.5,
        initialWarmupRequests: 20,
        minimumPerConnection: 1,
        warmupPerConnection: 0,
      }
    : {
        rounds: 3,
        durationSeconds: 2,
        initialWarmupRequests: 100,
        minimumPerConnection: 2,
        warmupPerConnection: 1,
      };
}

/** Median of every figure over the samples (errors: their sum, so none hides). */
export function medianSample(samples: CellSample[]): CellSample {
  const of = (pick: (s: CellSample) => number | null) => {
    const values = samples.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : median(values);
  };
  const firstError = samples.find((s) => s.firstError)?.firstError;
  return {
    requests: of((s) => s.requests)!,
    seconds: of((s) => s.seconds)!,
    requestsPerSecond: of((s) => s.requestsPerSecond)!,
    p50Ms: of((s) => s.p50Ms)!,
    p90Ms: of((s) => s.p90Ms)!,
    p99Ms: of((s) => s.p99Ms)!,
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    ...(firstError === undefined ? {} : { firstError }),
    cpuSecondsPerRequest: of((s) => s.cpuSecondsPerRequest),
    peakRssBytes: of((s) => s.peakRssBytes),
  };
}

class CellBook {
  readonly cells = new Map<string, GatewayCell>();
  add(key: Omit<GatewayCell, 'samples' | 'median'>, sample: CellSample): void {
    const id = [key.mode, key.target, key.scenario, key.traffic, key.concurrency].join('|');
    const cell = this.cells.get(id) ?? { ...key, samples: [], median: sample };
    cell.samples.push(sample);
    cell.median = medianSample(cell.samples);
    this.cells.set(id, cell);
  }
}

export async function runGatewaySuite(options: GatewaySuiteOptions): Promise<GatewaySuiteResult> {
  const log = options.onProgress;
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  try {
    await pingRedis(redisUrl);
  } catch (error) {
    throw new Error(
      `the gateway needs Redis for /readyz and none answers at REDIS_URL=${describeRedisUrl(redisUrl)} ` +
        `(${(error as Error).message}): start \`redis-server\` or set REDIS_URL`,
      { cause: error },
    );
  }
  const recording = await readRecording(gatewayRecordingPath);
  const logDir = await mkdtemp(join(tmpdir(), 'fedshop-bench-'));
  log(`gateway suite: service logs in ${logDir}`);
  const keys = await benchKeys(logDir);
  const token = await keys.accessToken(benchViewer, '12h');
  const clientHeaders = { authorization: `Bearer ${token}` };
  const internalHeaders = internalHeadersFor(keys.signInternal, benchViewer);
  const book = new CellBook();
  // p99 needs enough answers: the overload runs always warm up and last at least 5 s.
  const overloadOptions: GatewaySuiteOptions = {
    ...options,
    durationSeconds: Math.max(options.durationSeconds, 5),
    warmupPerConnection: Math.max(options.warmupPerConnection, 2),
    minimumPerConnection: Math.max(options.minimumPerConnection, 10),
  };
  let overload: OverloadResult | undefined;
  const pinning = pinCores();
  log(pinning.note);

  const warmUp = async (gateway: RunningGateway) => {
    // A fresh process: let the JIT see every scenario before anything counts.
    for (const scenario of gatewayScenarios) {
      await runHttpLoad({
        url: gateway.url,
        headers: clientHeaders,
        source: gatewaySource(recording, scenario, 'varied'),
        connections: 10,
        amount: options.initialWarmupRequests,
        durationSeconds: 0,
      });
    }
  };
  const measureGateway = async (mode: GatewayMode, gateway: RunningGateway) => {
    await warmUp(gateway);
    for (const scenario of gatewayScenarios) {
      for (const traffic of trafficModes) {
        for (const concurrency of options.concurrency) {
          const source = gatewaySource(recording, scenario, traffic);
          const sample = await measureHttp(gateway, source, concurrency, clientHeaders, options);
          book.add({ mode, target: gateway.target, scenario, traffic, concurrency }, sample);
          log(progressLine(mode, gateway.target, scenario, traffic, concurrency, sample));
        }
      }
    }
  };
  const measureDirect = async (mode: GatewayMode, urls: ReadonlyMap<string, string>) => {
    for (const traffic of trafficModes) {
      for (const concurrency of options.concurrency) {
        const source = directSource(recording, traffic, urls);
        const nameOf = new Map([...urls].map(([name, url]) => [url, name]));
        const headers = (url: string) => internalHeaders(nameOf.get(url) ?? '');
        const sample = await measureDirectCalls(source, concurrency, headers, options);
        book.add(
          { mode, target: 'direct', scenario: directScenario, traffic, concurrency },
          sample,
        );
        log(progressLine(mode, 'direct', directScenario, traffic, concurrency, sample));
      }
    }
  };

  try {
    if (options.modes.includes('gateway-bound')) {
      const settings = await launchSettings(logDir);
      const replay = await startReplay(settings, logDir);
      const urls = subgraphUrlMap(settings);
      const gatewayLaunch = {
        settings,
        subgraphUrls: subgraphUrlList(urls),
        keyEnv: keys.env,
        viewer: benchViewer,
        cpu: pinning.gatewayCpu,
        logDir,
      };
      try {
        const targets: GatewayTarget[] = [...options.ourTargets, 'stock'];
        for (let round = 0; round < options.rounds; round++) {
          // Rotate which gateway goes first, so none always runs on a warmer machine.
          const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
          for (const target of order) {
            log(`gateway-bound round ${round + 1}/${options.rounds}: ${target}`);
            const gateway = await startGateway(target, {
              settings,
              subgraphUrls: subgraphUrlList(urls),
              keyEnv: keys.env,
              viewer: benchViewer,
              cpu: pinning.gatewayCpu,
              logDir,
            });
            try {
              await measureGateway('gateway-bound', gateway);
            } finally {
              await gateway.child.stop();
            }
          }
          await measureDirect('gateway-bound', urls);
        }
        if (options.overload) {
          overload = await runOverload({
            start: (extraEnv) => startGateway('ours', { ...gatewayLaunch, extraEnv }),
            warmUp,
            measure: (gateway, source, concurrency) =>
              measureHttp(gateway, source, concurrency, clientHeaders, overloadOptions, true),
            source: () => gatewaySource(recording, overloadScenario, overloadTraffic),
            scenario: overloadScenario,
            traffic: overloadTraffic,
            log,
          });
        }
      } finally {
        await replay.stop();
      }
    }
    if (options.modes.includes('end-to-end')) {
      log('end-to-end: seeding fresh embedded stores and starting the real subgraphs');
      const settings = await launchSettings(logDir);
      const system = await startRealSystem({
        size: recording.seed,
        settings,
        logDir,
        keyEnv: keys.env,
        ...(pinning.allCpus === undefined ? {} : { cpu: pinning.allCpus }),
      });
      try {
        // The real subgraphs verify internal tokens: unsigned calls would all be refused.
        for (const target of options.ourTargets.filter((t) => t !== 'ours-unsigned')) {
          log(`end-to-end: ${target}`);
          const gateway = await startGateway(target, {
            settings,
            subgraphUrls: subgraphUrlList(system.subgraphUrls),
            keyEnv: keys.env,
            viewer: benchViewer,
            cpu: pinning.gatewayCpu,
            logDir,
          });
          try {
            await measureGateway('end-to-end', gateway);
          } finally {
            await gateway.child.stop();
          }
        }
        await measureDirect('end-to-end', system.subgraphUrls);
      } finally {
        await system.stop();
      }
    }
  } finally {
    pinning.restore();
  }
  // The services' logs are kept only when something failed.
  await rm(logDir, { recursive: true, force: true });
  const { onProgress: _, ...rest } = options;
  return {
    options: rest,
    pinning: pinning.note,
    recording: {
      path: gatewayRecordingPath.slice(repoRoot.length),
      capturedAt: recording.capturedAt,
    },
    cells: [...book.cells.values()],
    ...(overload ? { overload } : {}),
  };
}

/**
 * The overload figure's load: scenario 1, every request a new document (planned afresh). Cheap
 * enough per request that each run's p99 rests on hundreds of answers on a slow machine.
 */
const overloadScenario = 'products';
const overloadTraffic: TrafficMode = 'varied';

/**
 * How many requests a measurement makes: what the warm-up's rate gets through in the
 * measurement's duration, but never so few that the ramp-up of `concurrency` requests
 * dominates (a count, not a deadline: requests still in flight at a deadline would be lost).
 */
export function requestCount(
  warm: LoadSample,
  concurrency: number,
  options: Pick<GatewaySuiteOptions, 'durationSeconds' | 'minimumPerConnection'>,
): number {
  const byRate =
    warm.seconds > 0 ? Math.ceil((warm.requests / warm.seconds) * options.durationSeconds) : 0;
  return Math.max(byRate, options.minimumPerConnection * concurrency + 5);
}

/**
 * A counted warm-up (one cut off at a deadline would leave the gateway finishing
 * abandoned requests while the measurement runs); none at all when 0 per connection.
 */
export const warmupCount = (
  concurrency: number,
  options: Pick<GatewaySuiteOptions, 'warmupPerConnection'>,
) => (options.warmupPerConnection > 0 ? options.warmupPerConnection * concurrency + 5 : 0);

const noWarmup: LoadSample = summarise([], 1, 0);

async function measureHttp(
  gateway: RunningGateway,
  source: RequestSource,
  concurrency: number,
  headers: Record<string, string>,
  options: GatewaySuiteOptions,
  countShed = false,
): Promise<CellSample & Pick<HttpLoadSample, 'shed' | 'shedP99Ms'>> {
  const load = { url: gateway.url, headers, source, connections: concurrency, countShed };
  const warmup = warmupCount(concurrency, options);
  const warm =
    warmup > 0 ? await runHttpLoad({ ...load, amount: warmup, durationSeconds: 0 }) : noWarmup;
  const amount = requestCount(warm, concurrency, options);
  const cpuBefore = treeUsage(gateway.child.pid).cpuSeconds;
  const peakRss = watchPeakRss(gateway.child.pid);
  const sample = await runHttpLoad({ ...load, amount, durationSeconds: options.durationSeconds });
  const cpuSeconds = treeUsage(gateway.child.pid).cpuSeconds - cpuBefore;
  return {
    ...sample,
    cpuSecondsPerRequest: sample.requests > 0 ? cpuSeconds / sample.requests : null,
    peakRssBytes: peakRss(),
  };
}

async function measureDirectCalls(
  source: PlanSource,
  concurrency: number,
  headers: DirectLoadOptions['headers'],
  options: GatewaySuiteOptions,
): Promise<CellSample> {
  const load = { headers, source, concurrency };
  const warmup = warmupCount(concurrency, options);
  const warm =
    warmup > 0 ? await runDirectLoad({ ...load, amount: warmup, durationSeconds: 0 }) : noWarmup;
  const amount = requestCount(warm, concurrency, options);
  const sample = await runDirectLoad({ ...load, amount, durationSeconds: options.durationSeconds });
  return { ...sample, cpuSecondsPerRequest: null, peakRssBytes: null };
}

function subgraphUrlMap(settings: { host: string; ports: ReadonlyMap<string, number> }) {
  return new Map(
    subgraphServices.map((spec) => [
      spec.name,
      `${baseUrl(settings.host, settings.ports.get(spec.name) ?? 0)}/graphql`,
    ]),
  );
}

const subgraphUrlList = (urls: ReadonlyMap<string, string>) =>
  [...urls].map(([name, url]) => `${name}=${url}`).join(',');

/** One process serving every subgraph's recorded answers, on the subgraphs' ports. */
async function startReplay(
  settings: { host: string; ports: ReadonlyMap<string, number> },
  logDir: string,
) {
  const logFile = join(logDir, 'replay.log');
  const { command, args } = serviceCommand('bench/replay-server.ts', undefined);
  const child = spawnService({
    name: 'replay subgraphs',
    command,
    args,
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: settings.host,
      REPLAY_RECORDING: gatewayRecordingPath,
      REPLAY_PORTS: subgraphServices
        .map((spec) => `${spec.name}=${settings.ports.get(spec.name)}`)
        .join(','),
    },
    logFile,
  });
  await untilReadyOrExit(
    child,
    async () => {
      for (const spec of subgraphServices) {
        const port = settings.ports.get(spec.name) ?? 0;
        await waitForReady(`${baseUrl(settings.host, port)}/readyz`, { timeoutMs: 60_000 });
      }
    },
    logFile,
  );
  return child;
}

function progressLine(
  mode: GatewayMode,
  target: CellTarget,
  scenario: ScenarioName,
  traffic: TrafficMode,
  concurrency: number,
  sample: CellSample,
): string {
  const cpu =
    sample.cpuSecondsPerRequest === null
      ? ''
      : ` cpu ${(sample.cpuSecondsPerRequest * 1000).toFixed(2)} ms/req`;
  const errors = sample.errors > 0 ? ` ERRORS ${sample.errors}: ${sample.firstError}` : '';
  return (
    `  ${mode} ${target} ${scenario} ${traffic} c=${concurrency}: ` +
    `${sample.requestsPerSecond.toFixed(0)} req/s p99 ${sample.p99Ms.toFixed(1)} ms${cpu}${errors}`
  );
}
