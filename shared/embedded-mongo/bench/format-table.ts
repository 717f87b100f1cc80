import type { BenchRate, BenchReport } from './run-bench.js';

const columns = [
  ['docs', 8],
  ['mode', 7],
  ['insertMany/s', 16],
  ['insertOne/s', 15],
  ['find _id/s', 15],
  ['find sku/s', 15],
  ['MiB/100k', 9],
  ['restart ms', 11],
] as const;

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (r: BenchRate) => `${whole(r.perSec)} (${whole(r.serverCpuMicrosPerOp)})`;

/** The report's medians as a fixed-width text table. */
export function formatBenchTable(report: BenchReport): string {
  const row = (cells: string[]) => cells.map((cell, i) => cell.padStart(columns[i]![1])).join(' ');
  const { runs, concurrency, sampleOps } = report.options;
  const lines = [
    `embedded-mongo benchmark: node ${report.node}, ${report.cpus} cpus, median of ${runs} run(s), ` +
      `${concurrency} requests in flight, ${sampleOps} timed ops per rate.`,
    'Rates are ops/s with the server CPU time per op in µs in brackets (steadier on a busy machine).',
    row(columns.map(([name]) => name)),
  ];
  for (const r of report.results) {
    lines.push(
      row([
        whole(r.size),
        r.mode,
        rate(r.insertMany),
        rate(r.insertOne),
        rate(r.findById),
        rate(r.findByIndexedField),
        r.mibPer100kDocs.toFixed(1),
        r.restartMs === null ? '-' : whole(r.restartMs),
      ]),
    );
  }
  return lines.join('\n');
}
