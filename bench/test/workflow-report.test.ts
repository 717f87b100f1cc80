import { describe, expect, it } from 'vitest';
import { workflowNotes, workflowTables } from '../workflow-report.js';
import { medianSamples, type WorkflowSample } from '../workflow-suite.js';

function sample(concurrency: number, confirmedPerSecond: number, p99: number): WorkflowSample {
  return {
    concurrency,
    placed: 100,
    confirmed: 100,
    rejected: 0,
    unsettled: 0,
    confirmedPerSecond,
    placement: {
      requests: 100,
      seconds: 1,
      requestsPerSecond: 100,
      p50Ms: 10,
      p90Ms: 20,
      p99Ms: 30,
      errors: 0,
    },
    toConfirmedP50Ms: p99 / 2,
    toConfirmedP99Ms: p99,
    redisCommandsPerOrder: 40,
    cpuMsPerOrder: { orders: confirmedPerSecond / 10, total: confirmedPerSecond / 5 },
  };
}

const options = { rounds: 3, durationSeconds: 10, concurrency: [10] };

describe('the workflow report', () => {
  it('when three rounds differ, then each figure is their median', () => {
    const medians = medianSamples(
      [[sample(10, 90, 400)], [sample(10, 120, 700)], [sample(10, 110, 450)]],
      [10],
    );

    expect(medians[0]?.confirmedPerSecond).toBe(110);
    expect(medians[0]?.toConfirmedP99Ms).toBe(450);
    expect(medians[0]?.toConfirmedP50Ms).toBe(225);
    expect(medians[0]?.cpuMsPerOrder).toEqual({ orders: 11, total: 22 });
  });

  it('when every order costs 20 ms of CPU, then the CPU table and note say so', () => {
    const result = { options, rounds: [], medians: [sample(10, 100, 480)] };

    expect(workflowTables(result)[1]?.columns).toEqual(['in flight', 'orders', 'total']);
    expect(workflowTables(result)[1]?.rows).toEqual([['10', '10.0', '20.0']]);
    expect(workflowNotes(result)[2]).toMatch(
      /every order cost 20\.0 ms of CPU in all; \d+ cores can give at most \d+ orders\/s/,
    );
  });

  it('when concurrency 10 reaches 100/s under 500 ms, then the note says met', () => {
    const result = { options, rounds: [], medians: [sample(10, 104.26, 480)] };

    expect(workflowNotes(result)[0]).toBe(
      'Target at concurrency 10: >= 100 confirmed/s and p99 < 500 ms; measured 104.3/s and 480 ms: met.',
    );
    expect(workflowTables(result)[0]?.rows).toEqual([
      ['10', '100', '104.3', '10.0 / 30.0', '240 / 480', '40', '0', '0'],
    ]);
  });

  it('when p99 is 500 ms or more, then the note says not met', () => {
    const result = { options, rounds: [], medians: [sample(10, 150, 500)] };

    expect(workflowNotes(result)[0]).toContain('measured 150.0/s and 500 ms: not met.');
  });
});
