/**
 * BullMQ reserves `:` in job ids (key separator) and treats all-digit ids as its own
 * counters, so custom ids must avoid both. Parts are joined with `-`.
 */
export function jobId(...parts: Array<string | number>): string {
  const id = parts.map(String).join('-');
  if (id.length === 0 || id.includes(':') || /^\d+$/.test(id)) {
    throw new Error(`invalid job id "${id}": it must not be empty, contain ":" or be all digits`);
  }
  return id;
}
