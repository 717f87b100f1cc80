import { describe, expect, it } from 'vitest';
import { medianSample, requestCount, type CellSample } from '../gateway-suite.js';
import { parseProcStat } from '../process-stats.js';
import { planTree } from '../recording-proxy.js';
import { replayKey, stripOperationName } from '../recording.js';
import { renameOperation } from '../scenarios.js';
import { median, percentile, summarise } from '../stats.js';

describe('stats', () => {
  it('median and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarises latencies over the elapsed time', () => {
    const sample = summarise([4, 1, 3, 2], 2, 0);
    expect(sample).toMatchObject({
      requests: 4,
      requestsPerSecond: 2,
      p50Ms: 2,
      p99Ms: 4,
      errors: 0,
    });
  });

  it('takes the median of each figure over rounds, and the sum of errors', () => {
    const sample = (rps: number, errors: number, cpu: number | null): CellSample => ({
      ...summarise([1], 1, errors),
      requestsPerSecond: rps,
      cpuSecondsPerRequest: cpu,
      peakRssBytes: null,
    });
    const m = medianSample([sample(10, 0, 0.002), sample(30, 1, 0.004), sample(20, 2, 0.003)]);
    expect(m.requestsPerSecond).toBe(20);
    expect(m.cpuSecondsPerRequest).toBe(0.003);
    expect(m.peakRssBytes).toBeNull();
    expect(m.errors).toBe(3);
  });

  it('sizes a measurement from the warm-up rate, with a floor per connection', () => {
    const warm = summarise(Array(100).fill(1), 0.5, 0);
    const options = { durationSeconds: 2, minimumPerConnection: 3 };
    expect(requestCount(warm, 10, options)).toBe(400);
    expect(requestCount(summarise([], 1, 0), 50, options)).toBe(155);
    expect(requestCount(summarise([], 0, 0), 10, options)).toBe(35);
  });
});

describe('/proc/<pid>/stat', () => {
  it('reads ppid, utime+stime+cutime+cstime and rss past a command name with spaces', () => {
    // Fields as in proc(5): pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17) ... rss(24)
    const fields = Array.from({ length: 52 }, () => '0');
    fields[0] = '4242';
    fields[1] = '(node (main) x)';
    fields[2] = 'S';
    fields[3] = '17';
    fields[13] = '100';
    fields[14] = '20';
    fields[15] = '3';
    fields[16] = '4';
    fields[23] = '5000';
    expect(parseProcStat(fields.join(' '))).toEqual({
      pid: 4242,
      ppid: 17,
      cpuTicks: 127,
      rssPages: 5000,
    });
  });
});

describe('replay keys', () => {
  it('ignore the operation name the gateway derived from the client', () => {
    const a = 'query Heavy3_x1__users__0($u0:ID!){u0:user(id:$u0){id}}';
    const b = 'query Heavy3_x2__users__0($u0:ID!){u0:user(id:$u0){id}}';
    expect(stripOperationName(a)).toBe('query($u0:ID!){u0:user(id:$u0){id}}');
    expect(replayKey('users', a, { u0: '1' })).toBe(replayKey('users', b, { u0: '1' }));
    expect(replayKey('users', a, { u0: '1' })).not.toBe(replayKey('users', a, { u0: '2' }));
    expect(replayKey('users', a, {})).not.toBe(replayKey('orders', a, {}));
  });

  it('rename a client operation', () => {
    expect(renameOperation('query Products($after: String) { x }', 'Products_7')).toBe(
      'query Products_7($after: String) { x }',
    );
  });
});

describe('planTree', () => {
  const call = (
    name: string,
    startedAt: number,
    endedAt: number,
    answer = '',
    ids: string[] = [],
  ) => ({
    name,
    startedAt,
    endedAt,
    answer,
    variables: ids.length ? { representations: ids.map((id) => ({ __typename: 'X', id })) } : {},
  });
  const names = (nodes: ReturnType<typeof planTree<ReturnType<typeof call>>>): unknown =>
    nodes.map((n) => (n.then.length ? { [n.call.name]: names(n.then) } : n.call.name));

  it('hangs a call without representations under the call that ended last before it started', () => {
    const first = call('first', 0, 10);
    const second = call('second', 11, 20);
    const parallel = call('parallel', 12, 18);
    expect(names(planTree([second, parallel, first]))).toEqual([{ first: ['second', 'parallel'] }]);
  });

  it('hangs an entity call under the call whose answer held its representations', () => {
    const users = call('users', 0, 10, '{"a":{"id":"u1"},"b":{"id":"u2"}}');
    const ordersA = call('orders a', 11, 20, '{"items":[{"product":{"id":"p1"}}]}', ['u1']);
    const ordersB = call('orders b', 11, 30, '{"items":[{"product":{"id":"p2"}}]}', ['u2']);
    // Starts after both orders calls ended, but only orders a answered with p1.
    const productsA = call('products a', 31, 35, '', ['p1']);
    const productsB = call('products b', 31, 36, '', ['p2']);
    expect(names(planTree([productsB, ordersA, users, productsA, ordersB]))).toEqual([
      { users: [{ 'orders a': ['products a'] }, { 'orders b': ['products b'] }] },
    ]);
  });
});
