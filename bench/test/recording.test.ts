// The checked-in recording is what the gateway-bound mode replays and checks answers
// against; these are the properties the suite relies on.
import { describe, expect, it } from 'vitest';
import { countEntities } from '../expected-answer.js';
import { gatewayRecordingPath } from '../paths.js';
import { readRecording, replayKey, type PlanNode } from '../recording.js';
import { gatewayScenarios } from '../scenarios.js';

const recording = await readRecording(gatewayRecordingPath);

describe('the gateway recording', () => {
  it('has an identical request and a varied pool for every scenario, answered without errors', () => {
    for (const scenario of gatewayScenarios) {
      const { identical, varied } = recording.scenarios[scenario];
      expect(varied.length).toBeGreaterThan(1);
      for (const request of [identical, ...varied]) {
        const answer = JSON.parse(request.expected) as { data?: unknown; errors?: unknown };
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toBeTruthy();
      }
    }
  });

  it('varies neighbouring requests in both variables and selection set', () => {
    for (const scenario of gatewayScenarios) {
      const { varied } = recording.scenarios[scenario];
      const selection = (query: string) => query.slice(query.indexOf('{'));
      varied.forEach((request, i) => {
        const next = varied[(i + 1) % varied.length]!;
        expect(JSON.stringify(next.variables)).not.toBe(JSON.stringify(request.variables));
        expect(selection(next.query)).not.toBe(selection(request.query));
      });
    }
  });

  it('resolves at least 200 entities per heavy request, through calls to all three subgraphs', () => {
    const { identical, varied } = recording.scenarios.heavy;
    for (const request of [identical, ...varied]) {
      expect(countEntities(JSON.parse(request.expected))).toBeGreaterThanOrEqual(200);
      const subgraphs = new Set<string>();
      const walk = (nodes: PlanNode[]) =>
        nodes.forEach((node) => {
          const call = recording.calls[node.call];
          expect(call).toBeDefined();
          subgraphs.add(call!.subgraph);
          walk(node.then);
        });
      walk(request.plan ?? []);
      expect([...subgraphs].sort()).toEqual(['orders', 'products', 'users']);
    }
  });

  it('holds each subgraph call once', () => {
    const keys = recording.calls.map((call) =>
      replayKey(call.subgraph, call.query, call.variables),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
