import { describe, expect, it } from 'vitest';
import { ourEnvironment, ourTargets } from '../gateways.js';
import { saturatingPoint, type OverloadPoint } from '../overload.js';

const at = (connections: number, requestsPerSecond: number): OverloadPoint => ({
  connections,
  requestsPerSecond,
  p50Ms: 1,
  p99Ms: 2,
  shed: 0,
  accepted: 100,
  errors: 0,
});

describe('saturatingPoint', () => {
  it('when a doubling adds less than 10 % throughput, then the load before it saturates', () => {
    const points = [at(1, 100), at(2, 190), at(4, 340), at(8, 360), at(16, 380)];
    expect(saturatingPoint(points)?.connections).toBe(4);
  });

  it('when throughput still rises, then no saturation yet', () => {
    expect(saturatingPoint([at(1, 100), at(2, 200), at(4, 390)])).toBeUndefined();
    expect(saturatingPoint([at(1, 100)])).toBeUndefined();
  });

  it('when throughput falls on a doubling, then the load before it saturates', () => {
    expect(saturatingPoint([at(1, 100), at(2, 95)])?.connections).toBe(1);
  });
});

describe('ourTargets', () => {
  it('maps --edge and --internal-tokens to our variants, in a fixed order', () => {
    expect(ourTargets(['on'], [])).toEqual(['ours']);
    expect(ourTargets(['off', 'on'], [])).toEqual(['ours', 'ours-edge-off']);
    expect(ourTargets(['on'], ['unsigned', 'signed'])).toEqual(['ours', 'ours-unsigned']);
    expect(ourTargets(['off'], ['unsigned'])).toEqual(['ours-edge-off', 'ours-unsigned']);
  });

  it('turns the benchmark-only switches on only in their variant, with BENCHMARK_ONLY', () => {
    expect(ourEnvironment('ours')).not.toHaveProperty('EDGE_PROTECTION');
    expect(ourEnvironment('ours')).not.toHaveProperty('INTERNAL_TOKENS');
    expect(ourEnvironment('ours-edge-off')).toMatchObject({
      EDGE_PROTECTION: 'off',
      BENCHMARK_ONLY: 'true',
    });
    expect(ourEnvironment('ours-unsigned')).toMatchObject({
      INTERNAL_TOKENS: 'unsigned',
      BENCHMARK_ONLY: 'true',
    });
  });
});
