/** pino's numeric levels, as the words a reader expects. */
const levelNames: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every line carries; the prefix and the time column already say them. */
const omittedFields = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service']);

/**
 * Renders one pino JSON line as `12:00:01 INFO  message key=value …`, which a person
 * can scan in a terminal. Anything that is not a pino line passes through unchanged.
 */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record.level !== 'number') return line;
  const level = (levelNames[record.level] ?? String(record.level)).padEnd(5);
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : '';
  const message = typeof record.msg === 'string' ? record.msg : '';
  const fields = Object.entries(record)
    .filter(([key]) => !omittedFields.has(key))
    .map(([key, value]) => `${key}=${formatValue(key, value)}`);
  return [time, level, message, ...fields].filter((part) => part !== '').join(' ');
}

function formatValue(key: string, value: unknown): string {
  // An error's message is what a person needs here; pino keeps the rest for machines.
  if (key === 'err' && value && typeof value === 'object' && 'message' in value) {
    return JSON.stringify((value as { message: unknown }).message);
  }
  return typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value);
}
