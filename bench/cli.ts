// `npm run bench [-- --suite NAME ... --quick ...]`: runs the benchmark suites and writes
// bench/results/<suite>-<timestamp>.{json,md,svg}.
import { resolve } from 'node:path';
import { BenchUsageError, benchUsage, parseBenchArgs, type BenchArgs } from './cli-args.js';
import { describeMachine } from './machine.js';
import { markdownTable } from './report-markdown.js';
import { writeReportFiles } from './report-files.js';
import { defaultResultsDir } from './paths.js';
import { suites } from './suites.js';

const argv = process.argv.slice(2);
let args: BenchArgs;
try {
  args = parseBenchArgs(argv);
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`bench: ${error.message}\n\n${benchUsage}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${benchUsage}\n`);
  process.exit(0);
}

// Exiting runs the 'exit' handlers that kill every service this run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping\n`);
    process.exit(130);
  });
}

const outDir = args.outDir === undefined ? defaultResultsDir : resolve(args.outDir);
const command = ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ');
const began = performance.now();
const log = (line: string) => {
  const seconds = Math.round((performance.now() - began) / 1000);
  process.stderr.write(`[${String(seconds).padStart(4)} s] ${line}\n`);
};
let exitCode = 0;

for (const name of args.suites) {
  const suite = suites[name];
  if (!suite.available) {
    if (args.suitesNamed) {
      log(`bench: ${suite.reason}.`);
      exitCode = 1;
    } else {
      log(`bench: skipping ${name}: ${suite.reason}.`);
    }
    continue;
  }
  log(`bench: ${name} suite${args.quick ? ' (quick)' : ''}`);
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  try {
    const outcome = await suite.run(args, log);
    const files = await writeReportFiles(outDir, {
      suite: name,
      startedAt,
      finishedAt: new Date().toISOString(),
      command,
      machine,
      ...outcome,
    });
    for (const table of outcome.tables)
      process.stdout.write(`\n${table.title}\n\n${markdownTable(table)}\n`);
    for (const note of outcome.notes) process.stdout.write(`\n${note}\n`);
    log(`bench: ${name} results: ${files.join(', ')}`);
  } catch (error) {
    log(`bench: the ${name} suite failed: ${(error as Error).message}`);
    exitCode = 1;
  }
}
process.exit(exitCode);
