// The embedded store's own benchmark (shared/embedded-mongo/bench), run through its
// package script as before; its JSON report becomes this harness's report.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchArgs } from './cli-args.js';
import { repoRoot } from './paths.js';
import type { ChartPanel, ReportTable } from './report.js';

/** The parts of the embedded-mongo JSON report this harness reads. */
interface Rate {
  perSec: number;
  serverCpuMicrosPerOp: number;
}
interface EmbeddedMongoReport {
  results: {
    size: number;
    mode: string;
    insertMany: Rate;
    insertOne: Rate;
    findById: Rate;
    findByIndexedField: Rate;
    mibPer100kDocs: number;
    restartMs: number | null;
  }[];
}

const rates = ['insertMany', 'insertOne', 'findById', 'findByIndexedField'] as const;

export async function runEmbeddedMongoSuite(args: BenchArgs, onLine: (line: string) => void) {
  const options = { ...args.embeddedMongo };
  // --quick: the smaller collection only (the default already takes under two minutes).
  if (args.quick) options.sizes ??= '10000';
  const dir = await mkdtemp(join(tmpdir(), 'fedshop-bench-mongo-'));
  const jsonPath = join(dir, 'embedded-mongo.json');
  const forwarded = ['--json', jsonPath];
  for (const key of ['runs', 'sizes', 'modes'] as const) {
    if (options[key] !== undefined) forwarded.push(`--${key}`, options[key]);
  }
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const child = spawn(
        'npm',
        ['run', '--silent', 'bench', '-w', '@fedshop/embedded-mongo', '--', ...forwarded],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const relay = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line) onLine(`  ${line}`);
      };
      child.stdout.on('data', relay);
      child.stderr.on('data', relay);
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0
          ? resolvePromise()
          : reject(new Error(`the embedded-mongo benchmark exited with ${code}`)),
      );
    });
    const report = JSON.parse(await readFile(jsonPath, 'utf8')) as EmbeddedMongoReport;
    if (options.json !== undefined) await copyFile(jsonPath, resolve(options.json));
    return { report, options, tables: tables(report), panels: panels(report) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');

function tables(report: EmbeddedMongoReport): ReportTable[] {
  return [
    {
      title: 'Embedded MongoDB: ops/s (server CPU µs per op)',
      columns: ['docs', 'mode', ...rates, 'MiB/100k docs', 'restart ms'],
      rows: report.results.map((r) => [
        whole(r.size),
        r.mode,
        ...rates.map((rate) => `${whole(r[rate].perSec)} (${whole(r[rate].serverCpuMicrosPerOp)})`),
        r.mibPer100kDocs.toFixed(1),
        r.restartMs === null ? '–' : whole(r.restartMs),
      ]),
    },
  ];
}

function panels(report: EmbeddedMongoReport): ChartPanel[] {
  return [
    {
      title: 'embedded-mongo: operations/s',
      unit: 'ops/s',
      groups: report.results.map((r) => ({
        label: `${r.size / 1000}k ${r.mode}`,
        bars: rates.map((rate) => ({ series: rate, value: r[rate].perSec })),
      })),
    },
  ];
}
