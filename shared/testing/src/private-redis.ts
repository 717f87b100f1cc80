import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '@fedshop/service-kit';

export interface PrivateRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The running server's process id (a restart changes it). */
  readonly pid: number;
  /** Freezes the server (SIGSTOP): connections stay open and commands hang, as in a stall. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** Stops the server (it keeps nothing on disk); a stopped server can be started again on the same port. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

/** How long a fresh `redis-server` may take to answer PING. @defaultValue 10 s */
export const defaultRedisStartTimeoutMs = 10_000;

/**
 * A `redis-server` of the test's own on a free port, for tests that stop, pause or break
 * Redis: the machine's shared Redis is never touched. Nothing is persisted.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await findFreePort();
  let child = await spawnRedis(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid ?? 0;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: () => stopRedis(child),
    restart: async () => {
      await stopRedis(child);
      child = await spawnRedis(port);
    },
  };
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`redis-server could not start: ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
  });
  const deadline = Date.now() + defaultRedisStartTimeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.race([answersPing(port), failed])) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING`);
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited;
}

/** One inline PING over a raw socket: no client library, no reconnect logic. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
