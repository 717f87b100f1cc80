const unitSeconds: readonly [RegExp, number][] = [
  [/^(s|secs?|seconds?)$/, 1],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(d|days?)$/, 86_400],
  [/^(w|weeks?)$/, 604_800],
  [/^(y|yrs?|years?)$/, 31_557_600],
];

/**
 * The seconds in a time span `fields.timeSpan` accepted (`30s`, `15m`, `30d`), for values the
 * service counts itself rather than handing to jose; the units are jose's (a year is 365.25 days).
 */
export function timeSpanSeconds(span: string): number {
  const match = /^(\d+) ?([a-z]+)$/i.exec(span.trim());
  const unit = match?.[2]?.toLowerCase() ?? '';
  const seconds = unitSeconds.find(([pattern]) => pattern.test(unit))?.[1];
  if (!match || seconds === undefined) throw new Error(`Not a time span: ${span}`);
  return Number(match[1]) * seconds;
}
