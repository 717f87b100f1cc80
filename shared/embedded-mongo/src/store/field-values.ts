import { isPlainObject } from '../bson/value-view.js';

/**
 * The values a dotted path reaches in a document, descending through arrays the way a
 * multikey index does: `{ a: [{ b: 1 }, { b: 2 }] }` gives `[1, 2]` for `a.b`, and an
 * array at the end of the path contributes its elements. A missing path gives `[]`.
 */
export function fieldValues(doc: unknown, path: string): unknown[] {
  return collect(doc, path.split('.'), 0);
}

function collect(value: unknown, parts: string[], at: number): unknown[] {
  if (at === parts.length) {
    if (Array.isArray(value)) return value.length === 0 ? [undefined] : value;
    return [value];
  }
  const part = parts[at] as string;
  if (Array.isArray(value)) {
    // A numeric part addresses an element; otherwise the path continues into each element.
    if (/^\d+$/.test(part)) return collect(value[Number(part)], parts, at + 1);
    return value.flatMap((item) => (isPlainObject(item) ? collect(item, parts, at) : []));
  }
  if (isPlainObject(value) && part in value) return collect(value[part], parts, at + 1);
  return [];
}

/** The value at a dotted path without descending into arrays (used to seed upserts). */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (isPlainObject(value)) value = value[part];
    else if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
    else return undefined;
  }
  return value;
}

/** Sets a dotted path, creating plain objects on the way. */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (isPlainObject(next)) target = next;
    else {
      const created: Record<string, unknown> = {};
      target[part] = created;
      target = created;
    }
  }
  target[parts[parts.length - 1] as string] = value;
}
