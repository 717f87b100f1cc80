// The two gateways under test, each started alone and pinned to one core.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LaunchSettings } from '../scripts/lib/service-env.js';
import { baseUrl, gatewayService } from '../scripts/lib/services.js';
import { spawnService, type BenchChild } from './child-process.js';
import { repoRoot, supergraphPath } from './paths.js';
import { launchService, serviceCommand, untilReadyOrExit } from './service-launch.js';

export const gatewayTargets = ['ours', 'stock'] as const;
export type GatewayTarget = (typeof gatewayTargets)[number];

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
  /** Variables on top of the run's (ours only), e.g. a budget no benchmark exhausts. */
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
  if (target === 'ours') {
    const child = await launchService(gatewayService, {
      settings: launch.settings,
      logDir: launch.logDir,
      ...(launch.cpu === undefined ? {} : { cpu: launch.cpu }),
      extraEnv: {
        ...production,
        ...launch.keyEnv,
        SUPERGRAPH_PATH: supergraphPath,
        SUBGRAPH_URLS: launch.subgraphUrls,
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
