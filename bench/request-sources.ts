// Turns recorded requests into what the load runners send, in the two traffic modes:
// `identical` repeats one request; `varied` walks the pool and renames each request's
// operation uniquely, so every request is a document no gateway has seen before.
import type { DirectNode, PlanSource } from './direct-runner.js';
import type { RequestSource } from './load-runner.js';
import type { PlanNode, RecordedRequest, Recording } from './recording.js';
import { renameOperation, type GatewayScenario } from './scenarios.js';

export const trafficModes = ['identical', 'varied'] as const;
export type TrafficMode = (typeof trafficModes)[number];

let sequence = 0;
/** A name no request of this run used before. */
const uniqueName = (base: string) => `${base}_${(sequence++).toString(36)}`;
const baseName = (query: string) => /^\s*query\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] ?? 'Q';

export function gatewaySource(
  recording: Recording,
  scenario: GatewayScenario,
  traffic: TrafficMode,
): RequestSource {
  const { identical, varied } = recording.scenarios[scenario];
  if (traffic === 'identical') {
    const prepared = {
      body: JSON.stringify({ query: identical.query, variables: identical.variables }),
      expected: identical.expected,
    };
    return () => prepared;
  }
  let next = 0;
  return () => {
    const request = varied[next++ % varied.length]!;
    const query = renameOperation(request.query, uniqueName(baseName(request.query)));
    return {
      body: JSON.stringify({ query, variables: request.variables }),
      expected: request.expected,
    };
  };
}

/** The heavy request's subgraph calls, made directly against `subgraphUrls`. */
export function directSource(
  recording: Recording,
  traffic: TrafficMode,
  subgraphUrls: ReadonlyMap<string, string>,
): PlanSource {
  const build = (request: RecordedRequest, rename: boolean): DirectNode[] => {
    if (!request.plan) throw new Error('the recording has no plan for the heavy scenario');
    const prefix = rename ? uniqueName('Direct') : undefined;
    const toNodes = (nodes: PlanNode[]): DirectNode[] =>
      nodes.map((node, i) => {
        const call = recording.calls[node.call];
        if (!call) throw new Error(`the recording's plan names a missing call ${node.call}`);
        const url = subgraphUrls.get(call.subgraph);
        if (!url) throw new Error(`no URL for subgraph ${call.subgraph}`);
        const query = prefix
          ? renameOperation(call.query, `${prefix}__${call.subgraph}__${node.call}_${i}`)
          : call.query;
        return {
          call: {
            url,
            body: JSON.stringify({ query, variables: call.variables }),
            expected: call.answer,
          },
          then: toNodes(node.then),
        };
      });
    return toNodes(request.plan);
  };
  const { identical, varied } = recording.scenarios.heavy;
  if (traffic === 'identical') {
    const tree = build(identical, false);
    return () => tree;
  }
  let next = 0;
  return () => build(varied[next++ % varied.length]!, true);
}
