import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/**
 * Validates a job's data. A payload that does not parse will never parse: it fails at
 * once with BullMQ's `UnrecoverableError` (no retries) and stays in the failed set.
 * The message names the fields, never their values (they could be anything).
 */
export function parsePayload<TSchema extends z.ZodType>(
  schema: TSchema,
  data: unknown,
): z.output<TSchema> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
  throw new UnrecoverableError(`bad payload: ${[...new Set(fields)].join(', ')}`);
}
