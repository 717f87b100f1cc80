/** The part of zod's parse payload the refinement reads: the issues found so far. */
interface ParseProgress {
  issues: readonly { path?: readonly PropertyKey[] | undefined }[];
}

/**
 * A `.refine(...)` argument pair making `variable` required when `NODE_ENV` is
 * `production`: `schema.refine(...requiredInProduction('ORDERS_MONGODB_URI', 'a mongodb:// URI'))`.
 * The issue names the variable, and is reported together with any other bad variable
 * (the check is skipped only when NODE_ENV or the variable itself is already invalid).
 */
export function requiredInProduction<Variable extends string>(variable: Variable, what: string) {
  const check = (env: { NODE_ENV?: unknown } & { [Name in Variable]?: unknown }): boolean =>
    env.NODE_ENV !== 'production' || env[variable] !== undefined;
  const params = {
    path: [variable],
    message: `required in production (${what})`,
    when: (payload: ParseProgress) =>
      !payload.issues.some((issue) => ['NODE_ENV', variable].includes(String(issue.path?.[0]))),
  };
  return [check, params] as const;
}
