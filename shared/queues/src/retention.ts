import type { DefaultJobOptions } from 'bullmq';

/** Completed jobs kept for an hour (at most 1000 per queue): enough to see recent work. */
export const completedRetention = { age: 3600, count: 1000 } as const;
/** Failed jobs kept for 14 days, so exhausted work stays visible and can be replayed. */
export const failedRetention = { age: 14 * 24 * 3600 } as const;

/** Attempts per job before it stays failed. @defaultValue 8 */
export const defaultAttempts = 8;
/** First retry delay; doubles each attempt (exponential backoff). @defaultValue 200 ms */
export const defaultBackoffMs = 200;

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Job options every producer uses: retries with exponential backoff, then retention. */
export function defaultJobOptions(
  policy: RetryPolicy = { attempts: defaultAttempts, backoffMs: defaultBackoffMs },
): DefaultJobOptions {
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: completedRetention,
    removeOnFail: failedRetention,
  };
}
