// The recorded answers of the real subgraphs (bench/recordings/*.json.gz), captured by
// `npm run bench:record` from a seeded system; the replay subgraphs serve them.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dirname } from 'node:path';
import type { GatewayScenario, RequestVariant } from './scenarios.js';
import type { SeedSize } from './seed-data.js';

/** One subgraph call: the request as the gateway sent it, and the subgraph's answer. */
export interface RecordedCall {
  subgraph: string;
  query: string;
  variables: unknown;
  answer: string;
}

export interface RecordedRequest extends RequestVariant {
  /** The gateway's answer (the same from ours and from stock @apollo/gateway). */
  expected: string;
  /** The subgraph calls it caused, as the plan's tree (heavy only). */
  plan?: PlanNode[];
}

/** A call (an index into `Recording.calls`) and the calls that wait for its answer. */
export interface PlanNode {
  call: number;
  then: PlanNode[];
}

export interface Recording {
  version: 1;
  capturedAt: string;
  seed: SeedSize;
  scenarios: Record<GatewayScenario, { identical: RecordedRequest; varied: RecordedRequest[] }>;
  /** Every distinct subgraph call seen while capturing. */
  calls: RecordedCall[];
}

/**
 * The key a replayed call is found by: the query without its operation name (the
 * gateway derives it from the client's, which the varied traffic makes unique) and
 * the variables.
 */
export function replayKey(subgraph: string, query: string, variables: unknown): string {
  return `${subgraph}\n${stripOperationName(query)}\n${JSON.stringify(variables ?? {})}`;
}

export function stripOperationName(query: string): string {
  return query.replace(/^(\s*(?:query|mutation|subscription))\s+[_A-Za-z][_0-9A-Za-z]*/, '$1');
}

export async function readRecording(path: string): Promise<Recording> {
  let text: string;
  try {
    text = gunzipSync(await readFile(path)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`no recording at ${path}: run \`npm run bench:record\` to capture one`, {
        cause: error,
      });
    }
    throw error;
  }
  const recording = JSON.parse(text) as Recording;
  if (recording.version !== 1) throw new Error(`${path}: unknown recording version`);
  return recording;
}

/** One call per line, so a re-capture shows as a readable diff. */
export function formatRecording(recording: Recording): string {
  const { calls, scenarios, ...head } = recording;
  const lines = [`{${JSON.stringify(head).slice(1, -1)},`, '"scenarios": {'];
  const names = Object.keys(scenarios) as GatewayScenario[];
  names.forEach((name, n) => {
    const { identical, varied } = scenarios[name];
    lines.push(
      `${JSON.stringify(name)}: {"identical": ${JSON.stringify(identical)},`,
      '"varied": [',
    );
    lines.push(varied.map((item) => JSON.stringify(item)).join(',\n'));
    lines.push(`]}${n < names.length - 1 ? ',' : ''}`);
  });
  lines.push('},', '"calls": [', calls.map((call) => JSON.stringify(call)).join(',\n'), ']}');
  return `${lines.join('\n')}\n`;
}

export async function writeRecording(path: string, recording: Recording): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Gzipped: the heavy answers are large and repetitive (`zcat` shows the text).
  await writeFile(path, gzipSync(formatRecording(recording), { level: 9 }));
}
