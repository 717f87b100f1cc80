// `npm run bench:handshake -w @fedshop/embedded-mongo [-- --runs 5 --connections 200 --json <file>]`
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatHandshakeTable, runHandshakeBench } from './run-handshake-bench.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    connections: { type: 'string' },
    json: { type: 'string', default: 'bench-results/embedded-mongo-handshake.json' },
  },
});

const report = await runHandshakeBench({
  ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
  ...(values.connections === undefined ? {} : { connections: Number(values.connections) }),
  onProgress: (line) => console.error(line),
});
console.log(formatHandshakeTable(report));
const jsonPath = resolve(values.json);
await mkdir(dirname(jsonPath), { recursive: true });
await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`JSON report: ${jsonPath}`);
