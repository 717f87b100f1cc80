// The gateway suite's cells as the report's tables and chart panels.
import type { CellSample, CellTarget, GatewayCell, GatewaySuiteResult } from './gateway-suite.js';
import type { GatewayMode } from './cli-args.js';
import type { OverloadPoint, OverloadResult } from './overload.js';
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
  tables.push(...variantTables(result, index));
  if (result.overload) tables.push(overloadTable(result.overload));
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

const p50p99 = (s: CellSample) => `${ms(s.p50Ms)} / ${ms(s.p99Ms)}`;

/** Our gateway against one of its benchmark-only variants, cell by cell. */
const variants = [
  {
    target: 'ours-edge-off',
    title: 'Edge protection on vs off (EDGE_PROTECTION)',
    on: 'on',
    off: 'off',
  },
  {
    target: 'ours-unsigned',
    title: 'Internal tokens signed vs unsigned (INTERNAL_TOKENS)',
    on: 'signed',
    off: 'unsigned',
  },
] as const;

function variantTables(result: GatewaySuiteResult, index: CellIndex): ReportTable[] {
  return variants.flatMap(({ target, title, on, off }) => {
    const rowsOf = result.options.modes.flatMap((mode) =>
      rows(result, gatewayScenarios).flatMap(({ scenario, traffic, concurrency }) => {
        const base = index.get(mode, 'ours', scenario, traffic, concurrency);
        const variant = index.get(mode, target, scenario, traffic, concurrency);
        if (!base || !variant) return [];
        const cpuDelta =
          base.cpuSecondsPerRequest == null || variant.cpuSecondsPerRequest == null
            ? '–'
            : ((base.cpuSecondsPerRequest - variant.cpuSecondsPerRequest) * 1000).toFixed(2);
        return [
          [
            mode,
            scenarioTitles[scenario],
            traffic,
            String(concurrency),
            whole(base.requestsPerSecond),
            whole(variant.requestsPerSecond),
            ratio(variant.requestsPerSecond, base.requestsPerSecond),
            p50p99(base),
            p50p99(variant),
            cpuMs(base),
            cpuMs(variant),
            cpuDelta,
            errorCount(base, variant),
          ],
        ];
      }),
    );
    if (rowsOf.length === 0) return [];
    return [
      {
        title: `${title}: our gateway, median of ${result.options.rounds} round(s)`,
        columns: [
          'mode',
          'scenario',
          'traffic',
          'c',
          `${on} req/s`,
          `${off} req/s`,
          `${off}/${on}`,
          `${on} p50 / p99 ms`,
          `${off} p50 / p99 ms`,
          `${on} CPU ms/req`,
          `${off} CPU ms/req`,
          `CPU ms/req of ${on}`,
          'errors',
        ],
        rows: rowsOf,
      },
    ];
  });
}

function overloadTable(overload: OverloadResult): ReportTable {
  const line = (label: string, p: OverloadPoint) => [
    label,
    String(p.connections),
    whole(p.requestsPerSecond),
    ms(p.p50Ms),
    ms(p.p99Ms),
    whole(p.shed),
    p.shed + p.accepted === 0 ? '–' : `${((100 * p.shed) / (p.shed + p.accepted)).toFixed(1)} %`,
    String(p.errors),
  ];
  return {
    title:
      `Overload: ${scenarioTitles[overload.scenario]} (${overload.traffic}), our gateway; ` +
      `GATEWAY_MAX_INFLIGHT=${overload.maxInflight} for the bounded runs`,
    columns: ['run', 'c', 'accepted req/s', 'p50 ms', 'p99 ms', '503s', '503 share', 'errors'],
    rows: [
      ...overload.search.map((p) => line('search, unbounded', p)),
      line('2x saturation, unbounded', overload.doubledUnbounded),
      line('saturation, bounded', overload.atSaturation),
      line('2x saturation, bounded', overload.doubled),
    ],
  };
}

/** The overload verdict in one sentence. */
export function overloadNote(overload: OverloadResult): string {
  return (
    `Overload: saturation at ${overload.saturatingConnections} connections ` +
    `(throughput rose < 10 % on the next doubling). At 2x with GATEWAY_MAX_INFLIGHT=${overload.maxInflight}: ` +
    `${(overload.shedShare * 100).toFixed(1)} % shed with 503; accepted p99 ${ms(overload.doubled.p99Ms)} ms vs ` +
    `${ms(overload.atSaturation.p99Ms)} ms at saturation = ${overload.p99Ratio.toFixed(2)}x ` +
    `(${overload.withinTwice ? 'within' : 'NOT within'} 2x). Unbounded at 2x: p99 ${ms(overload.doubledUnbounded.p99Ms)} ms.`
  );
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
  if (result.overload) notes.push(overloadNote(result.overload));
  if (result.cells.some((cell) => cell.target !== 'stock' && cell.target !== 'direct')) {
    notes.push(
      "Our gateway runs with MAX_OPERATION_COST=100000 and RATE_LIMIT_POINTS=1000000000: the benchmark's one " +
        'caller would otherwise be refused (the heavy query costs about 2 300 points); every edge step still runs. ' +
        'EDGE_PROTECTION=off and INTERNAL_TOKENS=unsigned are benchmark-only switches (BENCHMARK_ONLY=true).',
    );
  }
  const failed = result.cells.filter((cell) => cell.median.errors > 0);
  for (const cell of failed) {
    notes.push(
      `**ERRORS** ${cell.mode} ${cell.target} ${cell.scenario} ${cell.traffic} c=${cell.concurrency}: ` +
        `${cell.median.errors}, first: ${cell.median.firstError ?? '?'}`,
    );
  }
  return notes;
}
