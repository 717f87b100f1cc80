import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findFreePort, startQueueTestScope, type QueueTestScope } from '@fedshop/testing';
import { runQueuesCli } from '../../scripts/lib/queues/queues-cli.js';

const run = promisify(execFile);

let scope: QueueTestScope;
let connection: Redis;
let queue: Queue;

beforeAll(() => {
  connection = new Redis(startQueueTestScope().url, { maxRetriesPerRequest: null });
});

beforeEach(async () => {
  await queue?.close();
  await scope?.cleanup();
  scope = startQueueTestScope();
  queue = new Queue('reserve-stock', { connection, prefix: scope.prefix });
});

afterAll(async () => {
  await queue?.close();
  await scope?.cleanup();
  connection?.disconnect();
});

/** Runs the command in-process, as `npm run queues -- <argv>` would, and captures its output. */
async function cli(argv: string[], env: Record<string, string> = scope.env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runQueuesCli(argv, env, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Jobs that fail for good (one attempt), as exhausted ones would, with the reason given. */
async function failJobs(count: number, reason = 'stock store unreachable'): Promise<string[]> {
  const jobs = await Promise.all(
    Array.from({ length: count }, () =>
      queue.add('reserve', { v: 1, probe: randomUUID() }, { attempts: 1 }),
    ),
  );
  const ids = new Set(jobs.map((job) => job.id!));
  const worker = new Worker(
    'reserve-stock',
    async () => {
      throw new UnrecoverableError(reason);
    },
    { connection: connection.duplicate(), prefix: scope.prefix, autorun: false },
  );
  const failed = new Promise<void>((resolve) => {
    worker.on('failed', (job) => {
      if (job) ids.delete(job.id!);
      if (ids.size === 0) resolve();
    });
  });
  void worker.run();
  await failed;
  await worker.close();
  return jobs.map((job) => job.id!);
}

describe('npm run queues -- counts', () => {
  it('when jobs are waiting and failed, then each queue is counted per state', async () => {
    await failJobs(2);
    await queue.add('reserve', { v: 1 });

    const json = await cli(['counts', '--json']);
    expect(json.code).toBe(0);
    const counts = JSON.parse(json.out) as Array<Record<string, unknown>>;
    expect(counts.map(({ queue: name }) => name)).toEqual([
      'reserve-stock',
      'release-stock',
      'stock-replies',
      'order-events',
    ]);
    expect(counts[0]).toEqual(
      expect.objectContaining({ queue: 'reserve-stock', waiting: 1, failed: 2, paused: false }),
    );
    expect(counts[1]).toEqual(expect.objectContaining({ waiting: 0, failed: 0 }));

    const table = await cli(['counts']);
    expect(table.out.split('\n')[0]).toMatch(/^queue\s+waiting\s+.*failed\s+completed\s+paused$/);
    expect(table.out).toMatch(/^reserve-stock\s+1\s+0\s+0\s+0\s+0\s+2\s+0\s+no$/m);
  });
});

describe('npm run queues -- failed', () => {
  it('when a queue has failed jobs, then they are listed newest first with attempts and reason', async () => {
    const ids = await failJobs(3, 'stock store\nunreachable');

    const listed = await cli(['failed', 'reserve-stock', '--json', '--limit', '2']);
    expect(listed.code).toBe(0);
    const jobs = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    expect(jobs).toHaveLength(2);
    for (const job of jobs) {
      expect(ids).toContain(job.id);
      expect(job).toEqual(
        expect.objectContaining({
          name: 'reserve',
          attemptsMade: 1,
          failedReason: 'stock store\nunreachable',
          failedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        }),
      );
    }

    const table = await cli(['failed', 'reserve-stock']);
    expect(table.out.split('\n')).toHaveLength(4);
    expect(table.out).toContain('stock store unreachable');
    expect((await cli(['failed', 'release-stock'])).out).toBe('release-stock has no failed jobs');
  });
});

describe('npm run queues -- retry', () => {
  it('when one failed job is retried, then it waits again with its attempts reset; a second retry is refused', async () => {
    const [first, second] = await failJobs(2);

    const retried = await cli(['retry', 'reserve-stock', first!]);
    expect(retried).toEqual({ code: 0, out: `retried job ${first} of reserve-stock`, err: '' });
    expect(await queue.getJobState(first!)).toBe('waiting');
    expect((await queue.getJob(first!))?.attemptsMade).toBe(0);
    expect(await queue.getJobState(second!)).toBe('failed');

    const again = await cli(['retry', 'reserve-stock', first!]);
    expect(again.code).toBe(1);
    expect(again.err).toBe(`job ${first} of reserve-stock is waiting, not failed`);
    const unknown = await cli(['retry', 'reserve-stock', 'no-such-job']);
    expect(unknown).toEqual({ code: 1, out: '', err: 'reserve-stock has no job no-such-job' });
  });

  it('when all failed jobs of a queue are retried, then each waits again once and the count is reported', async () => {
    const ids = await failJobs(3);
    await queue.add('reserve', { v: 1 });

    const retried = await cli(['retry', 'reserve-stock', '--all']);
    expect(retried).toEqual({ code: 0, out: 'retried 3 failed jobs of reserve-stock', err: '' });
    for (const id of ids) expect(await queue.getJobState(id)).toBe('waiting');
    expect(await queue.getJobCounts('waiting', 'failed')).toEqual({ waiting: 4, failed: 0 });

    const none = await cli(['retry', 'reserve-stock', '--all', '--json']);
    expect(JSON.parse(none.out)).toEqual({ queue: 'reserve-stock', retriedCount: 0 });
  });
});

describe('npm run queues -- bad input', () => {
  it('when the command, queue or options are wrong, then it exits 2 with the usage and touches nothing', async () => {
    const [id] = await failJobs(1);
    for (const argv of [
      [],
      ['drain'],
      ['failed'],
      ['failed', 'orders'],
      ['failed', 'reserve-stock', '--limit', '0'],
      ['retry', 'reserve-stock'],
      ['retry', 'reserve-stock', id!, '--all'],
      ['counts', '--force'],
    ]) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('usage: npm run queues -- <command>');
    }
    expect(await queue.getJobState(id!)).toBe('failed');

    const badPrefix = await cli(['counts'], { ...scope.env, QUEUE_PREFIX: 'a:b' });
    expect(badPrefix.code).toBe(2);
    expect(badPrefix.err).toContain('QUEUE_PREFIX');
  });

  it('when Redis cannot be reached, then it exits 1 with one line naming REDIS_URL and no password', async () => {
    const port = await findFreePort();
    const result = await cli(['counts'], {
      REDIS_URL: `redis://fedshop:hunter2-secret@127.0.0.1:${port}`,
    });
    expect(result.code).toBe(1);
    expect(result.err).toBe('cannot reach Redis at REDIS_URL (ECONNREFUSED)');
    expect(result.err).not.toContain('hunter2');
  });
});

describe('the root script', () => {
  it('when run as `npm run queues -- counts --json`, then it prints the counts of its prefix', async () => {
    await failJobs(1);
    const { stdout } = await run('npm', ['run', '--silent', 'queues', '--', 'counts', '--json'], {
      env: { ...process.env, ...scope.env },
      timeout: 60_000,
    });
    const counts = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(counts[0]).toEqual(expect.objectContaining({ queue: 'reserve-stock', failed: 1 }));
  });
});
