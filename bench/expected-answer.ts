/** Why `body` is not the expected answer, or null when it is. */
export function answerProblem(status: number, body: string, expected: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  if (body === expected) return null;
  // A different serialisation of the same value still counts as right.
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
  if (sameJson(parsed, JSON.parse(expected))) return null;
  const errors = (parsed as { errors?: unknown }).errors;
  return errors
    ? `errors: ${JSON.stringify(errors).slice(0, 300)}`
    : `unexpected answer: ${body.slice(0, 200)}`;
}

/** Deep equality of JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) &&
        sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** Objects with an `id` in a GraphQL answer: the entities it resolved. */
export function countEntities(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + countEntities(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const own = Object.hasOwn(value, 'id') ? 1 : 0;
  return Object.values(value).reduce((sum: number, item) => sum + countEntities(item), own);
}
