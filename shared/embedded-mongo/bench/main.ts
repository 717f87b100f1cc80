// `npm run bench -w @fedshop/embedded-mongo [-- --runs 3 --sizes 10000,100000 --modes memory,dbpath --json <file>]`
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBenchTable, runEmbeddedMongoBench, type BenchMode } from './index.js';

/** Where the JSON report goes unless `--json` says otherwise: the repository's one results folder (git-ignored). */
export const defaultJsonPath = fileURLToPath(
  new URL('../../../bench/results/embedded-mongo.json', import.meta.url),
);

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    sizes: { type: 'string' },
    modes: { type: 'string' },
    json: { type: 'string', default: defaultJsonPath },
  },
});

const numbers = (text: string | undefined) => text?.split(',').map((s) => Number(s.trim()));
const report = await runEmbeddedMongoBench({
  runs: values.runs === undefined ? undefined : Number(values.runs),
  sizes: numbers(values.sizes),
  modes: values.modes?.split(',') as BenchMode[] | undefined,
  onProgress: (line) => console.error(line),
});
console.log(formatBenchTable(report));
const jsonPath = resolve(values.json);
await mkdir(dirname(jsonPath), { recursive: true });
await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`JSON report: ${jsonPath}`);
