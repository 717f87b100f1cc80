// Scenario 4: a client making the heavy query's subgraph calls itself, in the order of
// the gateway's query plan (each call as soon as the one it depends on has answered,
// independent ones in parallel), with `concurrency` such requests in flight. Node's own HTTP client with keep-alive: autocannon talks to
// one host, and these calls go to three.
import { Agent, request } from 'node:http';
import { answerProblem } from './expected-answer.js';
import { summarise, type LoadSample } from './stats.js';

export interface DirectCall {
  url: string;
  body: string;
  expected: string;
}

export interface DirectNode {
  call: DirectCall;
  /** Calls that need this one's answer first. */
  then: DirectNode[];
}

/** The call tree of one logical request; asked for once per request. */
export type PlanSource = () => DirectNode[];

export interface DirectLoadOptions {
  /** The headers of a call to the subgraph at `url` (its internal token). */
  headers: (url: string) => Promise<Record<string, string>>;
  source: PlanSource;
  concurrency: number;
  /** Stop after this many requests (every one answered), or else after `durationSeconds`. */
  amount?: number;
  durationSeconds: number;
}

async function post(agent: Agent, call: DirectCall, headersFor: DirectLoadOptions['headers']) {
  const headers = await headersFor(call.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(call.url, {
      method: 'POST',
      agent,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(call.body),
      },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.end(call.body);
  });
}

export async function runDirectLoad(options: DirectLoadOptions): Promise<LoadSample> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency * 2 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.durationSeconds * 1000;

  const oneRequest = async () => {
    const began = performance.now();
    let problem: string | null = null;
    const run = async (nodes: DirectNode[]): Promise<void> => {
      await Promise.all(
        nodes.map(async ({ call, then }) => {
          const answer = await post(agent, call, options.headers);
          problem ??= answerProblem(answer.status, answer.body, call.expected);
          await run(then);
        }),
      );
    };
    await run(options.source());
    latencies.push(performance.now() - began);
    if (problem !== null) {
      errors += 1;
      firstError ??= problem;
    }
  };
  let issued = 0;
  const more = () =>
    options.amount === undefined ? performance.now() < deadline : issued++ < options.amount;
  const worker = async () => {
    while (more()) {
      try {
        await oneRequest();
      } catch (error) {
        errors += 1;
        firstError ??= `request failed: ${(error as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarise(latencies, seconds, errors, firstError);
}
