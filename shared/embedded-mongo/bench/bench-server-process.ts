import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchServerMessage, BenchServerRequest } from './bench-server.js';

type StatsMessage = Extract<BenchServerMessage, { type: 'stats' }>;

/** A benchmark server running in its own process. */
export interface BenchServerProcess {
  uri: string;
  /** Time from process start to listening, replay of an existing journal included. */
  startMs: number;
  /** The server's CPU time so far and its memory, after a full GC when `gc`. */
  stats(gc: boolean): Promise<StatsMessage>;
  stop(): Promise<void>;
}

const serverEntry = fileURLToPath(new URL('./bench-server.ts', import.meta.url));

export async function startBenchServer(
  dbPath: string | undefined,
  users?: readonly { username: string; password: string; db?: string }[],
): Promise<BenchServerProcess> {
  const child: ChildProcess = fork(serverEntry, [], {
    execArgv: [
      '--expose-gc',
      '--conditions=@fedshop/source',
      '--import',
      import.meta.resolve('tsx'),
    ],
    env: {
      ...process.env,
      BENCH_DBPATH: dbPath ?? '',
      BENCH_USERS: users ? JSON.stringify(users) : '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends BenchServerMessage['type']>(type: T) =>
    new Promise<Extract<BenchServerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: BenchServerMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<BenchServerMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const request = (message: BenchServerRequest) => child.send(message);
  const ready = await next('ready');
  return {
    uri: ready.uri,
    startMs: ready.startMs,
    stats: (gc) => {
      const reply = next('stats');
      request({ type: 'stats', gc });
      return reply;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const stopped = next('stopped').catch(() => undefined);
      request({ type: 'stop' });
      await stopped;
      await exited;
    },
  };
}
