// Child process of the benchmark: runs one server so that client and server each get
// a core, and reports the server's own CPU time and memory (after a full GC) over the
// IPC channel: on a shared machine, CPU per operation is steadier than wall-clock rates.
import { startEmbeddedMongo } from '../src/index.js';

/** `gc`: collect garbage first, for memory figures; never while timing CPU. */
export type BenchServerRequest = { type: 'stats'; gc: boolean } | { type: 'stop' };
export type BenchServerMessage =
  | { type: 'ready'; uri: string; startMs: number }
  | { type: 'stats'; heapUsed: number; external: number; cpuMicros: number }
  | { type: 'stopped' };

const startedAt = performance.now();
const dbPath = process.env['BENCH_DBPATH'] || undefined;
const users = process.env['BENCH_USERS'] ? JSON.parse(process.env['BENCH_USERS']) : undefined;
const server = await startEmbeddedMongo({
  port: 0,
  ...(dbPath ? { dbPath } : {}),
  ...(users ? { users } : {}),
});
const send = (message: BenchServerMessage) => process.send!(message);

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
}

process.on('message', (request: BenchServerRequest) => {
  if (request.type === 'stats') {
    if (request.gc) fullGc();
    const { user, system } = process.cpuUsage();
    const { heapUsed, external } = process.memoryUsage();
    send({ type: 'stats', heapUsed, external, cpuMicros: user + system });
  } else if (request.type === 'stop') {
    void server.stop().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
send({ type: 'ready', uri: server.uri, startMs: performance.now() - startedAt });
