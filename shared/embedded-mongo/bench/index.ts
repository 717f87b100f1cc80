// What a caller such as the repository's `npm run bench` needs to run this benchmark.
export {
  runEmbeddedMongoBench,
  defaultBenchModes,
  defaultBenchRuns,
  defaultBenchSizes,
  type BenchMode,
  type BenchOptions,
  type BenchRate,
  type BenchReport,
  type BenchResult,
  type BenchRun,
} from './run-bench.js';
export { formatBenchTable } from './format-table.js';
export {
  runHandshakeBench,
  formatHandshakeTable,
  type HandshakeBenchOptions,
  type HandshakeReport,
} from './run-handshake-bench.js';
