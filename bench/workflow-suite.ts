// The workflow suite: orders placed through our gateway on the real system (embedded stores,
// a private Redis, the services' inline workers), timed from `placeOrder` to CONFIRMED.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis } from '@fedshop/testing';
import { benchKeys } from './bench-keys.js';
import { perOrder, startCpuMeter, type CpuMilliseconds, type MeteredProcess } from './cpu-meter.js';
import { startGateway } from './gateways.js';
import { launchSettings, startRealSystem } from './real-system.js';
import { commandsProcessed } from './redis-stats.js';
import { productId, userId, type SeedSize } from './seed-data.js';
import { median, percentile, summarise, type LoadSample } from './stats.js';
import { settledOrders, type StoredOrder } from './workflow-orders.js';

export interface WorkflowSuiteOptions {
  rounds: number;
  /** Seconds of placing orders per measurement. */
  durationSeconds: number;
  concurrency: number[];
  onProgress: (line: string) => void;
}

export interface WorkflowSample {
  concurrency: number;
  placed: number;
  confirmed: number;
  rejected: number;
  /** Orders still PENDING when the wait ended: must be 0. */
  unsettled: number;
  /** CONFIRMED orders per second, first placement to last confirmation. */
  confirmedPerSecond: number;
  /** The client's view of `placeOrder`. */
  placement: LoadSample;
  /** createdAt -> updatedAt of each CONFIRMED order, from the orders store. */
  toConfirmedP50Ms: number;
  toConfirmedP99Ms: number;
  redisCommandsPerOrder: number;
  /** CPU time per placed order, by process (`total` sums them), placement to the last settled. */
  cpuMsPerOrder: CpuMilliseconds;
}

export interface WorkflowSuiteResult {
  options: Omit<WorkflowSuiteOptions, 'onProgress'>;
  /** Every round's samples, and the median per concurrency. */
  rounds: WorkflowSample[][];
  medians: WorkflowSample[];
}

export function quickWorkflowOptions(quick: boolean) {
  return quick ? { rounds: 1, durationSeconds: 3 } : { rounds: 3, durationSeconds: 10 };
}

const customers = 99;
const products = 100;
// Stock that never runs out: the suite measures the confirming path, not rejections.
const seedSize: SeedSize = { users: customers + 1, products, orders: 0, stock: 1_000_000_000 };

const placeOrder = `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;

export async function runWorkflowSuite(
  options: WorkflowSuiteOptions,
): Promise<WorkflowSuiteResult> {
  const log = options.onProgress;
  const logDir = await mkdtemp(join(tmpdir(), 'fedshop-bench-workflow-'));
  log(`workflow suite: service logs in ${logDir}`);
  const redis = await startPrivateRedis();
  const keys = await benchKeys(logDir);
  const settings = { ...(await launchSettings(logDir)), redisUrl: redis.url };
  const tokens = await Promise.all(
    Array.from({ length: customers }, (_, i) =>
      keys.accessToken({ userId: userId(i + 1), role: 'CUSTOMER' }, '12h'),
    ),
  );
  const rounds: WorkflowSample[][] = [];
  try {
    const system = await startRealSystem({ size: seedSize, settings, logDir, keyEnv: keys.env });
    try {
      const gateway = await startGateway('ours', {
        settings,
        subgraphUrls: [...system.subgraphUrls].map(([name, url]) => `${name}=${url}`).join(','),
        keyEnv: keys.env,
        viewer: {},
        cpu: undefined,
        logDir,
        // A budget no run exhausts: the suite measures the workflow, not the rate limit.
        extraEnv: { RATE_LIMIT_POINTS: '1000000000', GATEWAY_MAX_INFLIGHT: '0' },
      });
      try {
        const target = {
          gatewayUrl: gateway.url,
          tokens,
          storeUri: system.storeUri,
          redisUrl: redis.url,
          processes: [
            ...system.processes,
            { name: 'gateway', pid: gateway.child.pid },
            { name: 'redis', pid: redis.pid },
          ],
        };
        // Warm-up: every path once, nothing counted.
        await measure(target, 5, 1);
        for (let round = 0; round < options.rounds; round++) {
          const samples: WorkflowSample[] = [];
          for (const concurrency of options.concurrency) {
            const sample = await measure(target, concurrency, options.durationSeconds);
            samples.push(sample);
            log(progressLine(round, options.rounds, sample));
          }
          rounds.push(samples);
        }
      } finally {
        await gateway.child.stop();
      }
    } finally {
      await system.stop();
    }
  } finally {
    await redis.stop();
  }
  await rm(logDir, { recursive: true, force: true });
  const { onProgress: _, ...rest } = options;
  return { options: rest, rounds, medians: medianSamples(rounds, options.concurrency) };
}

/** What a measurement talks to. */
interface WorkflowTarget {
  gatewayUrl: string;
  /** One customer's access token each; callers take turns over them. */
  tokens: readonly string[];
  storeUri: string;
  redisUrl: string;
  processes: MeteredProcess[];
}

/** Closed loop: `concurrency` callers each place an order as soon as their last one answered. */
async function measure(
  { gatewayUrl, tokens, storeUri, redisUrl, processes }: WorkflowTarget,
  concurrency: number,
  durationSeconds: number,
): Promise<WorkflowSample> {
  const ids: string[] = [];
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let sequence = 0;
  const commandsBefore = await commandsProcessed(redisUrl);
  const cpuSpent = startCpuMeter(processes);
  const started = performance.now();
  const until = started + durationSeconds * 1000;
  const caller = async (index: number) => {
    while (performance.now() < until) {
      const n = sequence++;
      const body = JSON.stringify({
        query: placeOrder,
        variables: { input: { items: [{ productId: productId(n % products), quantity: 1 }] } },
      });
      const sent = performance.now();
      try {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[(index + n) % tokens.length]}`,
          },
          body,
        });
        const answer = (await response.json()) as {
          data?: { placeOrder?: { id: string } };
          errors?: unknown[];
        };
        const id = answer.data?.placeOrder?.id;
        if (response.status !== 200 || !id) throw new Error(JSON.stringify(answer).slice(0, 300));
        latencies.push(performance.now() - sent);
        ids.push(id);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => caller(index)));
  const placementSeconds = (performance.now() - started) / 1000;
  const { orders, settled } = await settledOrders(storeUri, ids, 60_000);
  const cpu = cpuSpent();
  const commandsAfter = await commandsProcessed(redisUrl);
  return toSample(concurrency, orders, settled, {
    placement: summarise(latencies, placementSeconds, errors, firstError),
    redisCommands: commandsAfter - commandsBefore,
    cpu,
  });
}

function toSample(
  concurrency: number,
  orders: StoredOrder[],
  settled: boolean,
  measured: { placement: LoadSample; redisCommands: number; cpu: CpuMilliseconds },
): WorkflowSample {
  const confirmed = orders.filter((order) => order.status === 'CONFIRMED');
  const toConfirmed = Float64Array.from(
    confirmed.map((order) => order.updatedAt.getTime() - order.createdAt.getTime()),
  ).sort();
  const first = Math.min(...orders.map((order) => order.createdAt.getTime()));
  const last = Math.max(...confirmed.map((order) => order.updatedAt.getTime()));
  return {
    concurrency,
    placed: orders.length,
    confirmed: confirmed.length,
    rejected: orders.filter((order) => order.status === 'REJECTED').length,
    unsettled: settled ? 0 : orders.filter((order) => order.status === 'PENDING').length,
    confirmedPerSecond: confirmed.length === 0 ? 0 : confirmed.length / ((last - first) / 1000),
    placement: measured.placement,
    toConfirmedP50Ms: percentile(toConfirmed, 50),
    toConfirmedP99Ms: percentile(toConfirmed, 99),
    redisCommandsPerOrder:
      orders.length === 0 ? Number.NaN : measured.redisCommands / orders.length,
    cpuMsPerOrder: perOrder(measured.cpu, orders.length),
  };
}

/** Per concurrency, each figure's median over the rounds. */
export function medianSamples(
  rounds: readonly WorkflowSample[][],
  concurrency: readonly number[],
): WorkflowSample[] {
  return concurrency.map((c) => {
    const samples = rounds.flatMap((round) => round.filter((s) => s.concurrency === c));
    const of = (pick: (s: WorkflowSample) => number) => median(samples.map(pick));
    return {
      concurrency: c,
      placed: of((s) => s.placed),
      confirmed: of((s) => s.confirmed),
      rejected: of((s) => s.rejected),
      unsettled: Math.max(...samples.map((s) => s.unsettled)),
      confirmedPerSecond: of((s) => s.confirmedPerSecond),
      placement: {
        ...samples[0]!.placement,
        requests: of((s) => s.placement.requests),
        requestsPerSecond: of((s) => s.placement.requestsPerSecond),
        p50Ms: of((s) => s.placement.p50Ms),
        p90Ms: of((s) => s.placement.p90Ms),
        p99Ms: of((s) => s.placement.p99Ms),
        errors: Math.max(...samples.map((s) => s.placement.errors)),
      },
      toConfirmedP50Ms: of((s) => s.toConfirmedP50Ms),
      toConfirmedP99Ms: of((s) => s.toConfirmedP99Ms),
      redisCommandsPerOrder: of((s) => s.redisCommandsPerOrder),
      cpuMsPerOrder: Object.fromEntries(
        Object.keys(samples[0]!.cpuMsPerOrder).map((name) => [
          name,
          of((s) => s.cpuMsPerOrder[name] ?? Number.NaN),
        ]),
      ),
    };
  });
}

function progressLine(round: number, rounds: number, s: WorkflowSample): string {
  return (
    `workflow round ${round + 1}/${rounds} c=${s.concurrency}: ${s.placed} placed, ` +
    `${s.confirmed} confirmed (${s.confirmedPerSecond.toFixed(1)}/s), ` +
    `to-confirmed p50 ${s.toConfirmedP50Ms.toFixed(0)} ms p99 ${s.toConfirmedP99Ms.toFixed(0)} ms, ` +
    `${s.redisCommandsPerOrder.toFixed(0)} Redis commands/order` +
    (s.placement.errors ? `, ${s.placement.errors} errors (${s.placement.firstError})` : '') +
    (s.unsettled ? `, ${s.unsettled} still PENDING` : '')
  );
}
