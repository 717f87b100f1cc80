import type { Document } from 'bson';
import { formatValue } from '../bson/format-value.js';
import { clonePlain, isPlainObject, setField } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/**
 * `$set`, `$unset` and `$rename` on resolved paths, applied to the exact form of a
 * document in place (manual "$set", "$unset", "$rename"). Values are stored exactly as
 * given, whatever the field held before (BSON type, binary subtype), and field names
 * such as `__proto__` stay ordinary fields. Paths are applied in lexicographic order, as
 * MongoDB 5.0+ does, so fields an update creates follow each other in that order.
 */

type Container = Record<string, unknown> | unknown[];

const numeric = /^\d+$/;

export function setFields(doc: Document, args: Document): void {
  for (const path of sortedPaths(args)) setAt(doc, path, clonePlain(args[path]));
}

export function unsetFields(doc: Document, args: Document): void {
  for (const path of sortedPaths(args)) {
    const parts = path.split('.');
    const last = parts.pop() as string;
    const parent = existing(doc, parts);
    if (Array.isArray(parent)) {
      // manual "$unset": in an array, the element is set to null rather than removed.
      if (numeric.test(last) && Number(last) < parent.length) parent[Number(last)] = null;
    } else if (isPlainObject(parent) && Object.hasOwn(parent, last)) {
      delete parent[last];
    }
  }
}

export function renameFields(doc: Document, args: Document): void {
  for (const [from, to] of Object.entries(args)) {
    if (typeof to !== 'string') {
      throw MongoCommandError.of(
        'BadValue',
        `The 'to' field for $rename must be a string: ${from}: ${formatValue(to)}`,
      );
    }
    if (from === to) {
      throw MongoCommandError.of(
        'BadValue',
        `The source and target field for $rename must differ: ${from}: ${formatValue(to)}`,
      );
    }
    const parts = from.split('.');
    const last = parts.pop() as string;
    const parent = existing(doc, parts, from, 'source');
    if (!isPlainObject(parent) || !Object.hasOwn(parent, last)) continue;
    const value = parent[last];
    existing(doc, to.split('.').slice(0, -1), to, 'destination');
    delete parent[last];
    setAt(doc, to, value);
  }
}

function sortedPaths(args: Document): string[] {
  return Object.keys(args).sort(comparePaths);
}

function comparePaths(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p === q) continue;
    if (numeric.test(p) && numeric.test(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * The container at `parts` if the path exists, else undefined. With `role`, a path
 * through an array is refused, as `$rename` requires.
 */
function existing(
  doc: Document,
  parts: string[],
  path?: string,
  role?: 'source' | 'destination',
): Container | undefined {
  let value: unknown = doc;
  for (const part of parts) {
    if (Array.isArray(value)) {
      if (role) {
        throw MongoCommandError.of(
          'BadValue',
          `The ${role} field cannot be an array element, '${path}' in doc with ${part} as an array`,
        );
      }
      value = numeric.test(part) ? value[Number(part)] : undefined;
    } else if (isPlainObject(value)) {
      value = Object.hasOwn(value, part) ? value[part] : undefined;
    } else {
      return undefined;
    }
  }
  if (role && Array.isArray(value)) {
    throw MongoCommandError.of(
      'BadValue',
      `The ${role} field cannot be an array element, '${path}' in doc with ${parts.at(-1)} as an array`,
    );
  }
  return Array.isArray(value) || isPlainObject(value) ? value : undefined;
}

/** Writes a value at a dotted path, creating embedded documents on the way. */
function setAt(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let container: Container = doc;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    if (Array.isArray(container)) {
      if (!numeric.test(part)) throw notViable(part, parts[i - 1] ?? '', container);
      const index = Number(part);
      // manual "$set": setting past the end pads the array with nulls.
      while (container.length < index) container.push(null);
      if (last) {
        container[index] = value;
        return;
      }
      const next: unknown = container[index];
      if (next === undefined) container[index] = {};
      else if (!Array.isArray(next) && !isPlainObject(next))
        throw notViable(parts[i + 1] as string, part, next);
      container = container[index] as Container;
      continue;
    }
    if (last) {
      setField(container, part, value);
      return;
    }
    const next: unknown = Object.hasOwn(container, part) ? container[part] : undefined;
    if (next === undefined) setField(container, part, {});
    else if (!Array.isArray(next) && !isPlainObject(next))
      throw notViable(parts[i + 1] as string, part, next);
    container = container[part] as Container;
  }
}

function notViable(field: string, parent: string, value: unknown): MongoCommandError {
  return MongoCommandError.of(
    'PathNotViable',
    `Cannot create field '${field}' in element {${parent}: ${formatValue(value)}}`,
  );
}
