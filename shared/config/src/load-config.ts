import type { z } from 'zod';
import { ConfigError } from './config-error.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once, at start-up. Each problem names the variable and what it
 * expects; values are never echoed because some of them are secrets.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Environment = process.env,
): z.output<Schema> {
  const values = withoutEmptyValues(env);
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
    const missing = issue.code === 'invalid_type' && values[variable] === undefined;
    return `${variable}: ${missing ? 'is required but not set' : issue.message}`;
  });
  throw new ConfigError(problems);
}

/** `FOO=` in a shell or compose file means "not set", so defaults still apply. */
function withoutEmptyValues(env: Environment): Record<string, string> {
  const entries = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
  );
  return Object.fromEntries(entries);
}
