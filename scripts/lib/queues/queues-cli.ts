import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, z, type Environment } from '@fedshop/config';
import { queueFields, type QueueName } from '@fedshop/queues';
import {
  countedStates,
  listFailed,
  QueueCommandError,
  queueCounts,
  retryAllFailed,
  retryFailedJob,
  type FailedJob,
  type QueueCounts,
} from './queue-commands.js';
import { isQueueName, knownQueueNames, openQueueSet, RedisUnreachableError } from './queue-set.js';

export const queuesUsage = `usage: npm run queues -- <command> [--json]
  counts                          jobs per queue and state
  failed <queue> [--limit <n>]    the failed jobs of a queue, newest first (default 20)
  retry <queue> <job-id>          move one failed job back to waiting, attempts reset
  retry <queue> --all             the same for every failed job of the queue
queues: ${knownQueueNames.join(', ')}
variables: REDIS_URL, QUEUE_PREFIX (as the services use them)`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 done; 1 it could not be done (Redis, no such job); 2 bad usage or configuration. */
export type ExitCode = 0 | 1 | 2;

class UsageError extends Error {}

const cliEnvironment = z.object({
  REDIS_URL: queueFields.REDIS_URL,
  QUEUE_PREFIX: queueFields.QUEUE_PREFIX,
});

type Command =
  | { kind: 'counts' }
  | { kind: 'failed'; queue: QueueName; limit: number }
  | { kind: 'retry-one'; queue: QueueName; jobId: string }
  | { kind: 'retry-all'; queue: QueueName };

/** `npm run queues -- <command>`: counts, failed jobs and their replay, on the services' queues. */
export async function runQueuesCli(
  argv: readonly string[],
  env: Environment,
  output: CliOutput,
): Promise<ExitCode> {
  let command: Command;
  let json: boolean;
  let settings: z.output<typeof cliEnvironment>;
  try {
    ({ command, json } = parseCommand(argv));
    settings = loadConfig(cliEnvironment, env);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`${error.message}\n${queuesUsage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 2;
    }
    throw error;
  }

  let queues;
  try {
    queues = await openQueueSet({ redisUrl: settings.REDIS_URL, prefix: settings.QUEUE_PREFIX });
  } catch (error) {
    if (error instanceof RedisUnreachableError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
  try {
    output.out(await execute(command, queues, json));
    return 0;
  } catch (error) {
    if (error instanceof QueueCommandError) {
      output.err(error.message);
      return 1;
    }
    // A Redis failure mid-command (a timeout, a dropped connection): one line, no stack.
    output.err(`the command failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await queues.close();
  }
}

async function execute(
  command: Command,
  queues: Awaited<ReturnType<typeof openQueueSet>>,
  json: boolean,
): Promise<string> {
  switch (command.kind) {
    case 'counts': {
      const counts = await queueCounts(queues);
      return json ? JSON.stringify(counts) : formatCounts(counts);
    }
    case 'failed': {
      const jobs = await listFailed(queues, command.queue, { limit: command.limit });
      return json ? JSON.stringify(jobs) : formatFailed(command.queue, jobs);
    }
    case 'retry-one': {
      await retryFailedJob(queues, command.queue, command.jobId);
      return json
        ? JSON.stringify({ queue: command.queue, retried: [command.jobId] })
        : `retried job ${command.jobId} of ${command.queue}`;
    }
    case 'retry-all': {
      const retried = await retryAllFailed(queues, command.queue);
      return json
        ? JSON.stringify({ queue: command.queue, retriedCount: retried })
        : `retried ${retried} failed job${retried === 1 ? '' : 's'} of ${command.queue}`;
    }
  }
}

function parseCommand(argv: readonly string[]): { command: Command; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        limit: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, queueArgument, jobId, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const json = values.json;
  const queue = () => {
    if (queueArgument === undefined) throw new UsageError(`${name} needs a queue`);
    if (!isQueueName(queueArgument)) throw new UsageError(`no queue named "${queueArgument}"`);
    return queueArgument;
  };
  switch (name) {
    case 'counts':
      if (queueArgument !== undefined) throw new UsageError('counts takes no arguments');
      return { command: { kind: 'counts' }, json };
    case 'failed': {
      if (jobId !== undefined) throw new UsageError('failed takes one queue');
      return { command: { kind: 'failed', queue: queue(), limit: parseLimit(values.limit) }, json };
    }
    case 'retry': {
      const target = queue();
      if (values.all === (jobId !== undefined)) {
        throw new UsageError('retry needs either a job id or --all');
      }
      return {
        command:
          jobId === undefined
            ? { kind: 'retry-all', queue: target }
            : { kind: 'retry-one', queue: target, jobId },
        json,
      };
    }
    case undefined:
      throw new UsageError('no command');
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

/** How many failed jobs `failed` lists at most. @defaultValue 20 */
export const defaultFailedLimit = 20;

function parseLimit(value: string | undefined): number {
  if (value === undefined) return defaultFailedLimit;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) {
    throw new UsageError('--limit must be a whole number from 1 to 1000');
  }
  return limit;
}

function formatCounts(counts: readonly QueueCounts[]): string {
  const header = ['queue', ...countedStates, 'paused'];
  const rows = counts.map((row) => [
    row.queue,
    ...countedStates.map((state) => String(row[state])),
    row.paused ? 'yes' : 'no',
  ]);
  return formatTable(header, rows);
}

function formatFailed(queue: QueueName, jobs: readonly FailedJob[]): string {
  if (jobs.length === 0) return `${queue} has no failed jobs`;
  return formatTable(
    ['id', 'name', 'attempts', 'failed at', 'reason'],
    jobs.map((job) => [
      job.id,
      job.name,
      String(job.attemptsMade),
      job.failedAt ?? '-',
      oneLine(job.failedReason),
    ]),
  );
}

/** Error messages may span lines or be long: one line of at most 120 characters. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
