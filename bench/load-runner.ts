// Closed-loop HTTP load with autocannon: `connections` requests in flight, each
// response checked against the answer expected for the request that produced it.
import autocannon from 'autocannon';
import { answerProblem } from './expected-answer.js';
import { percentile, summarise, type LoadSample } from './stats.js';

export interface PreparedRequest {
  body: string;
  expected: string;
}

/** Produces the next request to send (called once per request). */
export type RequestSource = () => PreparedRequest;

export interface HttpLoadOptions {
  url: string;
  headers: Record<string, string>;
  source: RequestSource;
  connections: number;
  /** Stop after this many requests (every one answered), or else after `durationSeconds`. */
  amount?: number;
  durationSeconds: number;
  /**
   * Count 503 answers as shed (their own count and latencies), not as errors: for runs past
   * `GATEWAY_MAX_INFLIGHT`, where shedding is the expected answer.
   */
  countShed?: boolean;
}

/** A sample whose latencies are the accepted answers'; `shed` counts the 503s apart. */
export interface HttpLoadSample extends LoadSample {
  shed: number;
  shedP99Ms: number;
}

interface Context {
  expected?: string;
}

export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadSample> {
  const latencies: number[] = [];
  const shedLatencies: number[] = [];
  const isShed = (status: number) => options.countShed === true && status === 503;
  let errors = 0;
  let firstError: string | undefined;
  const fail = (problem: string) => {
    errors += 1;
    firstError ??= problem;
  };
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => undefined;
  let abort: (error: Error) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    abort = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      pipelining: 1,
      // autocannon notices the end of a run on this tick (default 1 s, which would add up
      // to a second of idle time to every counted run).
      sampleInt: 10,
      ...(options.amount === undefined
        ? { duration: options.durationSeconds }
        : { amount: options.amount }),
      timeout: 30,
      headers: { 'content-type': 'application/json', ...options.headers },
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context: Context) => {
            const next = options.source();
            context.expected = next.expected;
            return { ...request, body: next.body };
          },
          onResponse: (status: number, body: string, context: Context) => {
            if (isShed(status)) return;
            const problem = answerProblem(status, body, context.expected ?? '');
            if (problem) fail(problem);
          },
        },
      ],
    },
    (error, result) => (error ? abort(error) : finish(result)),
  );
  let lastResponseAt = started;
  instance.on('response', (_client, status: number, _bytes, responseTime: number) => {
    (isShed(status) ? shedLatencies : latencies).push(responseTime);
    lastResponseAt = performance.now();
  });
  instance.on('reqError', (error: Error) => fail(`request failed: ${error.message}`));
  const result = await done;
  // From the first request to the last answer: not the harness's own set-up and tear-down.
  const seconds = (lastResponseAt - started) / 1000;
  if (result.timeouts > 0) fail(`${result.timeouts} timeouts`);
  const shedSorted = Float64Array.from(shedLatencies).sort();
  return {
    ...summarise(latencies, seconds, errors, firstError),
    shed: shedLatencies.length,
    shedP99Ms: percentile(shedSorted, 99),
  };
}
