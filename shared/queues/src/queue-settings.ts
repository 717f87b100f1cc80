import { fields, z } from '@fedshop/config';
import { crashPointNames, type CrashPointName } from './crash-points.js';
import { defaultQueuePrefix } from './queue-names.js';
import { defaultAttempts, defaultBackoffMs } from './retention.js';

/** Jobs one worker runs at once, per queue. @defaultValue 8 */
export const defaultWorkerConcurrency = 8;
/** How long a worker's lock on a job lasts before it must renew it. @defaultValue 30000 ms */
export const defaultLockDurationMs = 30_000;
/** How often workers look for jobs whose worker died (stalled). @defaultValue 30000 ms */
export const defaultStalledIntervalMs = 30_000;

/**
 * The queue variables every service with workers reads (spread into its config schema):
 * one spelling, one set of defaults. Each is documented in the README.
 */
export const queueFields = {
  REDIS_URL: fields.redisUrl(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected letters, digits, - or _')
    .default(defaultQueuePrefix),
  WORKER_MODE: z
    .enum(['inline', 'separate'], { message: 'expected inline or separate' })
    .default('inline'),
  WORKER_CONCURRENCY: fields.positiveInt(defaultWorkerConcurrency),
  WORKER_LOCK_DURATION_MS: fields.positiveInt(defaultLockDurationMs),
  WORKER_STALLED_INTERVAL_MS: fields.positiveInt(defaultStalledIntervalMs),
  QUEUE_ATTEMPTS: fields.positiveInt(defaultAttempts),
  QUEUE_BACKOFF_MS: fields.positiveInt(defaultBackoffMs),
  /** Test-only fault injection; refused in production (see `crashPointRefusedInProduction()`). */
  FEDSHOP_CRASH_POINT: z
    .enum(crashPointNames, { message: `expected one of ${crashPointNames.join(', ')}` })
    .optional(),
};

/**
 * A `.refine(...)` argument pair: `FEDSHOP_CRASH_POINT` makes a process kill itself on
 * purpose, so production refuses to start with it set.
 */
export function crashPointRefusedInProduction() {
  const check = (env: { NODE_ENV?: unknown; FEDSHOP_CRASH_POINT?: unknown }): boolean =>
    env.NODE_ENV !== 'production' || env.FEDSHOP_CRASH_POINT === undefined;
  const params = {
    path: ['FEDSHOP_CRASH_POINT'],
    message: 'not allowed in production (test-only)',
  };
  return [check, params] as const;
}

type QueueEnvironment = z.output<z.ZodObject<typeof queueFields>>;

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  /** `inline`: workers run inside the service; `separate`: in their own process. */
  workerMode: 'inline' | 'separate';
  worker: { concurrency: number; lockDurationMs: number; stalledIntervalMs: number };
  retry: { attempts: number; backoffMs: number };
  /** Test-only: where this process kills itself (`FEDSHOP_CRASH_POINT`). */
  crashPoint: CrashPointName | undefined;
}

/** What those variables mean, in one shape (`config.queues`). */
export function queueSettings(env: QueueEnvironment): QueueSettings {
  return {
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    workerMode: env.WORKER_MODE,
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
    },
    retry: { attempts: env.QUEUE_ATTEMPTS, backoffMs: env.QUEUE_BACKOFF_MS },
    crashPoint: env.FEDSHOP_CRASH_POINT,
  };
}
