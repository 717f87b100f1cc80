// The overload figure: find the load at which our gateway saturates (closed loop,
// connections doubled until throughput stops rising), then offer twice that load to a
// gateway bounded at the saturating load (GATEWAY_MAX_INFLIGHT): the excess should be
// shed with 503 at once, and the accepted requests keep their latency.
import type { RunningGateway } from './gateways.js';
import type { HttpLoadSample, RequestSource } from './load-runner.js';
import type { TrafficMode } from './request-sources.js';
import type { GatewayScenario } from './scenarios.js';

type Measured = HttpLoadSample & { cpuSecondsPerRequest: number | null };

export interface OverloadRun {
  /** Starts our gateway with these extra variables. */
  start(extraEnv: Record<string, string>): Promise<RunningGateway>;
  warmUp(gateway: RunningGateway): Promise<void>;
  measure(gateway: RunningGateway, source: RequestSource, connections: number): Promise<Measured>;
  source(): RequestSource;
  scenario: GatewayScenario;
  traffic: TrafficMode;
  log(line: string): void;
  /** @defaultValue `defaultSearch` */
  search?: typeof defaultSearch;
}

export const defaultSearch = {
  startConnections: 1,
  maxConnections: 512,
  /** Throughput "still rises" while a doubling adds at least this share. */
  minimumGain: 0.1,
};

export interface OverloadPoint {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** 503 answers (shed); 0 without a bound. */
  shed: number;
  accepted: number;
  errors: number;
}

export interface OverloadResult {
  scenario: GatewayScenario;
  traffic: TrafficMode;
  /** The doubling search on an unbounded gateway (GATEWAY_MAX_INFLIGHT=0). */
  search: OverloadPoint[];
  saturatingConnections: number;
  /** GATEWAY_MAX_INFLIGHT of the bounded gateway: the saturating load. */
  maxInflight: number;
  /** Unbounded gateway at twice the saturating load: what happens without shedding. */
  doubledUnbounded: OverloadPoint;
  /** Bounded gateway at the saturating load, and at twice it. */
  atSaturation: OverloadPoint;
  doubled: OverloadPoint;
  /** Share of the doubled run's answers that were 503. */
  shedShare: number;
  /** p99 of accepted requests at 2x over p99 at saturation, and whether it is <= 2. */
  p99Ratio: number;
  withinTwice: boolean;
}

const point = (connections: number, sample: Measured): OverloadPoint => ({
  connections,
  requestsPerSecond: sample.requestsPerSecond,
  p50Ms: sample.p50Ms,
  p99Ms: sample.p99Ms,
  shed: sample.shed,
  accepted: sample.requests,
  errors: sample.errors,
});

/**
 * The saturating load of a doubling search: the last number of connections whose doubling
 * still raised throughput by `minimumGain`.
 */
export function saturatingPoint(
  points: readonly OverloadPoint[],
  minimumGain = defaultSearch.minimumGain,
): OverloadPoint | undefined {
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1]!;
    if (points[i]!.requestsPerSecond < before.requestsPerSecond * (1 + minimumGain)) return before;
  }
  return undefined;
}

export async function runOverload(run: OverloadRun): Promise<OverloadResult> {
  const search = run.search ?? defaultSearch;
  const describe = (label: string, p: OverloadPoint) =>
    run.log(
      `  overload ${label} c=${p.connections}: ${p.requestsPerSecond.toFixed(0)} req/s accepted, ` +
        `p50 ${p.p50Ms.toFixed(1)} ms, p99 ${p.p99Ms.toFixed(1)} ms, shed ${p.shed}` +
        (p.errors > 0 ? `, ERRORS ${p.errors}` : ''),
    );

  run.log('overload: searching the saturating load (GATEWAY_MAX_INFLIGHT=0)');
  const points: OverloadPoint[] = [];
  let saturation: OverloadPoint | undefined;
  let doubledUnbounded: OverloadPoint;
  const unbounded = await run.start({ GATEWAY_MAX_INFLIGHT: '0' });
  try {
    await run.warmUp(unbounded);
    for (let c = search.startConnections; c <= search.maxConnections; c *= 2) {
      const p = point(c, await run.measure(unbounded, run.source(), c));
      points.push(p);
      describe('search', p);
      saturation = saturatingPoint(points, search.minimumGain);
      if (saturation) break;
    }
    saturation ??= points[points.length - 1]!;
    const twice = saturation.connections * 2;
    doubledUnbounded =
      points.find((p) => p.connections === twice) ??
      point(twice, await run.measure(unbounded, run.source(), twice));
    describe('unbounded 2x', doubledUnbounded);
  } finally {
    await unbounded.child.stop();
  }

  const maxInflight = saturation.connections;
  run.log(
    `overload: saturating load ${maxInflight} connections; GATEWAY_MAX_INFLIGHT=${maxInflight}`,
  );
  const bounded = await run.start({ GATEWAY_MAX_INFLIGHT: String(maxInflight) });
  let atSaturation: OverloadPoint;
  let doubled: OverloadPoint;
  try {
    await run.warmUp(bounded);
    atSaturation = point(maxInflight, await run.measure(bounded, run.source(), maxInflight));
    describe('bounded 1x', atSaturation);
    doubled = point(maxInflight * 2, await run.measure(bounded, run.source(), maxInflight * 2));
    describe('bounded 2x', doubled);
  } finally {
    await bounded.child.stop();
  }
  const p99Ratio = doubled.p99Ms / atSaturation.p99Ms;
  return {
    scenario: run.scenario,
    traffic: run.traffic,
    search: points,
    saturatingConnections: saturation.connections,
    maxInflight,
    doubledUnbounded,
    atSaturation,
    doubled,
    shedShare: doubled.shed / Math.max(1, doubled.shed + doubled.accepted),
    p99Ratio,
    withinTwice: p99Ratio <= 2,
  };
}
