// The gateway suite's cells as the report's tables and chart panels.
import type { CellSample, CellTarget, GatewayCell, GatewaySuiteResult } from './gateway-suite.js';
import type { GatewayMode } from './cli-args.js';
import type { ChartPanel, ReportTable } from './report.js';
import {
  directScenario,
  gatewayScenarios,
  scenarioTitles,
  type ScenarioName,
} from './scenarios.js';
import { trafficModes, type TrafficMode } from './request-sources.js';

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const latency = (s: CellSample) => `${ms(s.p50Ms)} / ${ms(s.p90Ms)} / ${ms(s.p99Ms)}`;
const cpuMs = (s: CellSample | undefined) =>
  s?.cpuSecondsPerRequest == null ? '–' : (s.cpuSecondsPerRequest * 1000).toFixed(2);
const mib = (s: CellSample | undefined) =>
  s?.peakRssBytes == null ? '–' : (s.peakRssBytes / 2 ** 20).toFixed(0);
export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}x`;

export class CellIndex {
  private readonly byKey = new Map<string, CellSample>();
  constructor(cells: readonly GatewayCell[]) {
    for (const cell of cells) {
      this.byKey.set(
        CellIndex.key(cell.mode, cell.target, cell.scenario, cell.traffic, cell.concurrency),
        cell.median,
      );
    }
  }
  static key(...parts: (string | number)[]) {
    return parts.join('|');
  }
  get(
    mode: GatewayMode,
    target: CellTarget,
    scenario: ScenarioName,
    traffic: TrafficMode,
    c: number,
  ) {
    return this.byKey.get(CellIndex.key(mode, target, scenario, traffic, c));
  }
}

interface Row {
  scenario: ScenarioName;
  traffic: TrafficMode;
  concurrency: number;
}

function rows(result: GatewaySuiteResult, scenarios: readonly ScenarioName[]): Row[] {
  const out: Row[] = [];
  for (const scenario of scenarios) {
    for (const traffic of trafficModes) {
      for (const concurrency of result.options.concurrency)
        out.push({ scenario, traffic, concurrency });
    }
  }
  return out;
}

const errorCount = (...samples: (CellSample | undefined)[]) =>
  String(samples.reduce((sum, s) => sum + (s?.errors ?? 0), 0));

export function gatewayTables(result: GatewaySuiteResult): ReportTable[] {
  const index = new CellIndex(result.cells);
  const tables: ReportTable[] = [];
  const modes = result.options.modes;
  if (modes.includes('gateway-bound')) {
    tables.push({
      title: `Gateway-bound: ours vs stock @apollo/gateway, one core each (median of ${result.options.rounds} round(s))`,
      columns: [
        'scenario',
        'traffic',
        'c',
        'ours req/s',
        'stock req/s',
        'ours/stock',
        'ours p50 / p90 / p99 ms',
        'stock p50 / p90 / p99 ms',
        'ours CPU ms/req',
        'stock CPU ms/req',
        'ours RSS MiB',
        'stock RSS MiB',
        'errors',
      ],
      rows: rows(result, gatewayScenarios).flatMap(({ scenario, traffic, concurrency }) => {
        const ours = index.get('gateway-bound', 'ours', scenario, traffic, concurrency);
        const stock = index.get('gateway-bound', 'stock', scenario, traffic, concurrency);
        if (!ours || !stock) return [];
        return [
          [
            scenarioTitles[scenario],
            traffic,
            String(concurrency),
            whole(ours.requestsPerSecond),
            whole(stock.requestsPerSecond),
            ratio(ours.requestsPerSecond, stock.requestsPerSecond),
            latency(ours),
            latency(stock),
            cpuMs(ours),
            cpuMs(stock),
            mib(ours),
            mib(stock),
            errorCount(ours, stock),
          ],
        ];
      }),
    });
  }
  if (modes.includes('end-to-end')) {
    tables.push({
      title:
        'End-to-end: ours in front of the real subgraphs (fixed seeded data, in-memory stores)',
      columns: [
        'scenario',
        'traffic',
        'c',
        'req/s',
        'p50 / p90 / p99 ms',
        'CPU ms/req',
        'RSS MiB',
        'errors',
      ],
      rows: rows(result, gatewayScenarios).flatMap(({ scenario, traffic, concurrency }) => {
        const ours = index.get('end-to-end', 'ours', scenario, traffic, concurrency);
        if (!ours) return [];
        return [
          [
            scenarioTitles[scenario],
            traffic,
            String(concurrency),
            whole(ours.requestsPerSecond),
            latency(ours),
            cpuMs(ours),
            mib(ours),
            errorCount(ours),
          ],
        ];
      }),
    });
  }
  tables.push({
    title: `${scenarioTitles[directScenario]}: the floor under scenario 3`,
    columns: [
      'mode',
      'traffic',
      'c',
      'direct req/s',
      'direct p50 / p90 / p99 ms',
      'ours req/s',
      'ours/direct',
      'stock req/s',
      'stock/direct',
      'errors',
    ],
    rows: modes.flatMap((mode) =>
      rows(result, [directScenario]).flatMap(({ traffic, concurrency }) => {
        const direct = index.get(mode, 'direct', directScenario, traffic, concurrency);
        if (!direct) return [];
        const ours = index.get(mode, 'ours', 'heavy', traffic, concurrency);
        const stock = index.get(mode, 'stock', 'heavy', traffic, concurrency);
        return [
          [
            mode,
            traffic,
            String(concurrency),
            whole(direct.requestsPerSecond),
            latency(direct),
            ours ? whole(ours.requestsPerSecond) : '–',
            ratio(ours?.requestsPerSecond, direct.requestsPerSecond),
            stock ? whole(stock.requestsPerSecond) : '–',
            ratio(stock?.requestsPerSecond, direct.requestsPerSecond),
            errorCount(direct),
          ],
        ];
      }),
    ),
  });
  return tables;
}

const shortLabel = (scenario: ScenarioName, traffic: TrafficMode, c: number) =>
  `${scenarioTitles[scenario].slice(0, 1)} ${traffic.slice(0, 3)} c${c}`;

export function gatewayPanels(result: GatewaySuiteResult): ChartPanel[] {
  const index = new CellIndex(result.cells);
  const panels: ChartPanel[] = [];
  for (const mode of result.options.modes) {
    const targets: CellTarget[] =
      mode === 'gateway-bound' ? ['ours', 'stock', 'direct'] : ['ours', 'direct'];
    const groups = (pick: (s: CellSample) => number) =>
      rows(result, [...gatewayScenarios, directScenario]).flatMap(
        ({ scenario, traffic, concurrency }) => {
          const bars = targets.flatMap((target) => {
            const sample = index.get(mode, target, scenario, traffic, concurrency);
            return sample ? [{ series: target, value: pick(sample) }] : [];
          });
          return bars.length > 0
            ? [{ label: shortLabel(scenario, traffic, concurrency), bars }]
            : [];
        },
      );
    panels.push({
      title: `${mode}: requests/s`,
      unit: 'req/s',
      groups: groups((s) => s.requestsPerSecond),
    });
    panels.push({ title: `${mode}: p99 latency`, unit: 'ms', groups: groups((s) => s.p99Ms) });
  }
  return panels;
}

/** Lines that must be read with the tables. */
export function gatewayNotes(result: GatewaySuiteResult): string[] {
  const notes = [
    `Pinning: ${result.pinning}. Each measurement: as many requests as the warm-up's rate ` +
      `gets through in ${result.options.durationSeconds} s (at least ${result.options.minimumPerConnection} ` +
      `per connection), after a warm-up of ${result.options.warmupPerConnection} per connection; ` +
      'c = requests in flight. ' +
      'identical = one request repeated; varied = every request a new document (unique operation name) ' +
      "with its own variables and selection set. CPU = the gateway process tree's CPU time per request " +
      '(/proc), RSS = its peak resident memory. Chart labels: scenario number, traffic, c.',
    `Replay subgraphs serve ${result.recording.path} (captured ${result.recording.capturedAt}).`,
  ];
  const failed = result.cells.filter((cell) => cell.median.errors > 0);
  for (const cell of failed) {
    notes.push(
      `**ERRORS** ${cell.mode} ${cell.target} ${cell.scenario} ${cell.traffic} c=${cell.concurrency}: ` +
        `${cell.median.errors}, first: ${cell.median.firstError ?? '?'}`,
    );
  }
  return notes;
}
