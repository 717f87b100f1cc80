import { Double, Int32, Long } from 'bson';

/**
 * Stored documents keep their exact BSON types (int64 stays `Long`, an integral double
 * stays `Double`), but mingo compares plain JS numbers only. These helpers convert
 * between the exact form and a "view" in which every numeric wrapper is a number.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets an own field, also one named `__proto__`: BSON allows that name, and a plain
 * assignment would replace the object's prototype instead (and lose the field).
 */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** True when bson would serialize this JS number back as an int32 rather than a double. */
function serializesAsInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

/**
 * Turns a value decoded with `promoteValues: false` into the stored exact form:
 * Int32 and doubles become numbers wherever bson would serialize them back unchanged;
 * Long and integral doubles stay wrapped.
 */
export function toExact(value: unknown): unknown {
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) return serializesAsInt32(value.value) ? value : value.value;
  if (Array.isArray(value)) return value.map(toExact);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setField(out, key, toExact(value[key]));
    return out;
  }
  return value;
}

/** Converts to the comparable form; returns the same reference when nothing changes. */
export function toView<T>(value: T): T {
  if (value instanceof Long) return value.toNumber() as T;
  if (value instanceof Double || value instanceof Int32) return value.value as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const v = toView(item);
      if (v !== item) changed = true;
      return v;
    });
    return (changed ? out : value) as T;
  }
  if (isPlainObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const v = toView(item);
      if (v !== item) {
        out ??= { ...value };
        out[key] = v;
      }
    }
    return (out ?? value) as T;
  }
  return value;
}

/**
 * After an update was applied to a view, puts the exact numeric types back where the
 * previous document had them: MongoDB keeps a field's numeric type across `$inc`,
 * `$mul`, `$min`/`$max` with a smaller type, and untouched fields keep theirs.
 */
export function restoreNumericTypes(updated: unknown, previous: unknown): unknown {
  if (typeof updated === 'number') {
    // An unchanged value keeps its exact form: the view of an int64 beyond 2^53 is rounded.
    if (previous instanceof Long) {
      if (previous.toNumber() === updated) return previous;
      return Number.isInteger(updated) ? Long.fromNumber(updated) : updated;
    }
    if (previous instanceof Double)
      return previous.value === updated ? previous : new Double(updated);
    return updated;
  }
  if (Array.isArray(updated)) {
    if (!Array.isArray(previous)) return updated;
    return updated.map((item, i) => restoreNumericTypes(item, previous[i]));
  }
  if (isPlainObject(updated)) {
    if (!isPlainObject(previous)) return updated;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(updated))
      setField(out, key, restoreNumericTypes(updated[key], previous[key]));
    return out;
  }
  return updated;
}

/** Deep copy of plain objects and arrays; BSON value objects are shared (never mutated). */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clonePlain) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setField(out, key, clonePlain(value[key]));
    return out as T;
  }
  return value;
}

export { isPlainObject };
