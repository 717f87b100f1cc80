import type { QueueName } from '@fedshop/queues';
import { knownQueueNames, type QueueSet } from './queue-set.js';

/** A command that cannot do what was asked (no such job, not failed): exit code 1, one line. */
export class QueueCommandError extends Error {
  override readonly name = 'QueueCommandError';
}

/** The job states `counts` reports, in BullMQ's words. */
export const countedStates = [
  'waiting',
  'prioritized',
  'active',
  'delayed',
  'waiting-children',
  'failed',
  'completed',
] as const;

export type QueueCounts = { queue: QueueName; paused: boolean } & Record<
  (typeof countedStates)[number],
  number
>;

/** How many jobs each queue holds, per state, and whether the queue is paused. */
export async function queueCounts(queues: QueueSet): Promise<QueueCounts[]> {
  return Promise.all(
    knownQueueNames.map(async (name) => {
      const queue = queues.queue(name);
      const [counts, paused] = await Promise.all([
        queue.getJobCounts(...countedStates),
        queue.isPaused(),
      ]);
      return {
        queue: name,
        paused,
        ...Object.fromEntries(countedStates.map((state) => [state, counts[state] ?? 0])),
      } as QueueCounts;
    }),
  );
}

export interface FailedJob {
  id: string;
  name: string;
  /** Attempts made before it stayed failed. */
  attemptsMade: number;
  /** The last error's message (payloads are not shown: they are ids, but still not needed). */
  failedReason: string;
  /** When it last failed (ISO 8601), if known. */
  failedAt: string | null;
}

/** The failed jobs of one queue, newest first, at most `limit`. */
export async function listFailed(
  queues: QueueSet,
  name: QueueName,
  { limit }: { limit: number },
): Promise<FailedJob[]> {
  const jobs = await queues.queue(name).getFailed(0, limit - 1);
  return jobs.map((job) => ({
    id: job.id ?? '',
    name: job.name,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? '',
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  }));
}

/**
 * Moves one failed job back to waiting with its attempts reset, so it gets the whole retry
 * policy again. Refuses a job that does not exist or is not failed (never runs one twice).
 */
export async function retryFailedJob(
  queues: QueueSet,
  name: QueueName,
  jobId: string,
): Promise<void> {
  const job = await queues.queue(name).getJob(jobId);
  if (!job) throw new QueueCommandError(`${name} has no job ${jobId}`);
  const state = await job.getState();
  if (state !== 'failed') {
    throw new QueueCommandError(`job ${jobId} of ${name} is ${state}, not failed`);
  }
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    // It moved between the check and the retry (another replay, a removal).
    throw new QueueCommandError(
      `job ${jobId} of ${name} could not be retried: ${(error as Error).message}`,
    );
  }
}

/** How many failed jobs are looked at per round of `retryAllFailed`. */
export const retryPageSize = 100;

/**
 * Retries every job of one queue that is failed now, each once (a job that fails again
 * while this runs is not retried a second time); returns how many were retried.
 */
export async function retryAllFailed(queues: QueueSet, name: QueueName): Promise<number> {
  const queue = queues.queue(name);
  const seen = new Set<string>();
  let retried = 0;
  for (;;) {
    // Retried jobs leave the failed set, so the first page is always the next one.
    const page = (await queue.getFailed(0, retryPageSize + seen.size - 1)).filter(
      (job) => job.id !== undefined && !seen.has(job.id),
    );
    if (page.length === 0) return retried;
    for (const job of page) {
      seen.add(job.id!);
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        retried += 1;
      } catch {
        // No longer failed (removed, or retried by someone else): nothing to do.
      }
    }
  }
}
