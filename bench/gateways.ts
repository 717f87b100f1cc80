// The two gateways under test, each started alone and pinned to one core.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LaunchSettings } from '../scripts/lib/service-env.js';
import { baseUrl, gatewayService } from '../scripts/lib/services.js';
import { spawnService, type BenchChild } from './child-process.js';
import { repoRoot, supergraphPath } from './paths.js';
import { launchService, serviceCommand, untilReadyOrExit } from './service-launch.js';

export const gatewayTargets = ['ours', 'ours-edge-off', 'ours-unsigned', 'stock'] as const;
export type GatewayTarget = (typeof gatewayTargets)[number];

/** Which of our gateway's variants to run, from `--edge` and `--internal-tokens`. */
export function ourTargets(
  edge: readonly ('on' | 'off')[],
  internalTokens: readonly ('signed' | 'unsigned')[],
): GatewayTarget[] {
  const targets = new Set<GatewayTarget>(
    edge.map((mode) => (mode === 'on' ? 'ours' : 'ours-edge-off')),
  );
  if (internalTokens.includes('signed')) targets.add('ours');
  if (internalTokens.includes('unsigned')) targets.add('ours-unsigned');
  return gatewayTargets.filter((target) => targets.has(target));
}

/**
 * Our gateway as production runs it, with the limits a single benchmark caller would hit
 * raised (the heavy query costs about 2 300 points; thousands of requests a second from one
 * user): every step still runs — cost computed, budget charged in Redis — and none refuses.
 * Variants add the benchmark-only switches.
 */
export function ourEnvironment(target: GatewayTarget): Record<string, string> {
  const edge = {
    MAX_OPERATION_COST: '100000',
    RATE_LIMIT_POINTS: '1000000000',
    RATE_LIMIT_KEY_PREFIX: `fedshop-bench:${randomUUID()}`,
  };
  if (target === 'ours-edge-off')
    return { ...edge, EDGE_PROTECTION: 'off', BENCHMARK_ONLY: 'true' };
  if (target === 'ours-unsigned')
    return { ...edge, INTERNAL_TOKENS: 'unsigned', BENCHMARK_ONLY: 'true' };
  return edge;
}

export interface RunningGateway {
  target: GatewayTarget;
  url: string;
  child: BenchChild;
}

export interface GatewayLaunch {
  settings: LaunchSettings;
  /** `users=http://…/graphql,…`: where the gateway sends subgraph calls. */
  subgraphUrls: string;
  /** What the stock gateway sets on every subgraph call. */
  /** The key variables of the run (every process reads its own from them). */
  keyEnv: Record<string, string>;
  /** Whom the stock gateway's internal tokens name. */
  viewer: object;
  cpu: number | undefined;
  logDir: string;
  /** More variables for our gateway (e.g. `GATEWAY_MAX_INFLIGHT`). */
  extraEnv?: Record<string, string>;
}

const production = {
  NODE_ENV: 'production',
  // Both gateways: no telemetry to Apollo, no cloud metadata probes.
  APOLLO_TELEMETRY_DISABLED: 'true',
};

export async function startGateway(
  target: GatewayTarget,
  launch: GatewayLaunch,
): Promise<RunningGateway> {
  const port = launch.settings.ports.get(gatewayService.name) ?? 0;
  const url = `${baseUrl(launch.settings.host, port)}/graphql`;
  if (target !== 'stock') {
    const child = await launchService(gatewayService, {
      settings: launch.settings,
      logDir: launch.logDir,
      ...(launch.cpu === undefined ? {} : { cpu: launch.cpu }),
      extraEnv: {
        ...production,
        ...launch.keyEnv,
        SUPERGRAPH_PATH: supergraphPath,
        SUBGRAPH_URLS: launch.subgraphUrls,
        ...ourEnvironment(target),
        ...launch.extraEnv,
      },
    });
    return { target, url, child };
  }
  const logFile = join(launch.logDir, 'stock-gateway.log');
  const { command, args } = serviceCommand('bench/baseline-gateway.ts', launch.cpu);
  const child = spawnService({
    name: 'stock gateway',
    command,
    args,
    cwd: repoRoot,
    env: {
      ...process.env,
      ...production,
      HOST: launch.settings.host,
      BASELINE_PORT: String(port),
      SUPERGRAPH_PATH: supergraphPath,
      SUBGRAPH_URLS: launch.subgraphUrls,
      ...launch.keyEnv,
      BASELINE_VIEWER: JSON.stringify(launch.viewer),
    },
    logFile,
  });
  await untilReadyOrExit(child, () => answersGraphql(url), logFile);
  return { target, url, child };
}

/** Stock Apollo Server has no readiness endpoint: poll until `{ __typename }` works. */
async function answersGraphql(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
