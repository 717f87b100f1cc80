// The workflow suite's figures as the report's table, chart panels and the target's verdict.
import { availableParallelism } from 'node:os';
import type { ChartPanel, ReportTable } from './report.js';
import type { WorkflowSample, WorkflowSuiteResult } from './workflow-suite.js';

const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** The target: at concurrency 10, >= 100 confirmed/s and p99 to-confirmed < 500 ms. */
export const workflowTarget = { concurrency: 10, confirmedPerSecond: 100, p99Ms: 500 };

export function workflowTables(result: WorkflowSuiteResult): ReportTable[] {
  return [
    {
      title: `placeOrder -> CONFIRMED through our gateway (median of ${result.options.rounds} round(s), ${result.options.durationSeconds} s each)`,
      columns: [
        'in flight',
        'placed',
        'confirmed/s',
        'placement p50 / p99 ms',
        'to CONFIRMED p50 / p99 ms',
        'Redis commands/order',
        'errors',
        'still PENDING',
      ],
      rows: result.medians.map((s) => [
        String(s.concurrency),
        String(s.placed),
        s.confirmedPerSecond.toFixed(1),
        `${ms(s.placement.p50Ms)} / ${ms(s.placement.p99Ms)}`,
        `${ms(s.toConfirmedP50Ms)} / ${ms(s.toConfirmedP99Ms)}`,
        s.redisCommandsPerOrder.toFixed(0),
        String(s.placement.errors),
        String(s.unsettled),
      ]),
    },
    cpuTable(result),
  ];
}

/** CPU milliseconds per order by process: the first place to look when the machine is full. */
function cpuTable(result: WorkflowSuiteResult): ReportTable {
  const names = [...new Set(result.medians.flatMap((s) => Object.keys(s.cpuMsPerOrder)))];
  return {
    title: 'CPU ms per placed order, by process (placement to the last order settled)',
    columns: ['in flight', ...names],
    rows: result.medians.map((s) => [
      String(s.concurrency),
      ...names.map((name) => ms(s.cpuMsPerOrder[name] ?? Number.NaN)),
    ]),
  };
}

export function workflowPanels(result: WorkflowSuiteResult): ChartPanel[] {
  const group = (pick: (s: WorkflowSample) => number, series: string) =>
    result.medians.map((s) => ({
      label: `c=${s.concurrency}`,
      bars: [{ series, value: pick(s) }],
    }));
  return [
    {
      title: 'Confirmed orders per second',
      unit: 'orders/s',
      groups: group((s) => s.confirmedPerSecond, 'ours'),
    },
    {
      title: 'placeOrder -> CONFIRMED p99',
      unit: 'ms',
      groups: group((s) => s.toConfirmedP99Ms, 'ours'),
    },
  ];
}

export function workflowNotes(result: WorkflowSuiteResult): string[] {
  const at = result.medians.find((s) => s.concurrency === workflowTarget.concurrency);
  if (!at)
    return [
      `The target is stated at concurrency ${workflowTarget.concurrency}, which this run did not measure.`,
    ];
  const met =
    at.confirmedPerSecond >= workflowTarget.confirmedPerSecond &&
    at.toConfirmedP99Ms < workflowTarget.p99Ms;
  const cores = availableParallelism();
  const cpuPerOrder = at.cpuMsPerOrder.total ?? Number.NaN;
  return [
    `Target at concurrency ${workflowTarget.concurrency}: >= ${workflowTarget.confirmedPerSecond} confirmed/s and p99 < ${workflowTarget.p99Ms} ms; ` +
      `measured ${at.confirmedPerSecond.toFixed(1)}/s and ${ms(at.toConfirmedP99Ms)} ms: ${met ? 'met' : 'not met'}.`,
    'Everything runs on this machine: the gateway, three subgraphs with inline workers, one embedded store process and a private redis-server.',
    `At concurrency ${workflowTarget.concurrency} every order cost ${ms(cpuPerOrder)} ms of CPU in all; ` +
      `${cores} cores can give at most ${((cores * 1000) / cpuPerOrder).toFixed(0)} orders/s at that cost.`,
  ];
}
