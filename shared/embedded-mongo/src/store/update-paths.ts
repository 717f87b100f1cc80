import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/**
 * MongoDB's rule for update paths, in one place: two paths conflict when one is a prefix
 * of the other, compared field by field (`a` and `a.b` do, `a.b` and `a.bc` do not).
 * It is checked twice, as the server does: once on the paths as written, where `$`,
 * `$[]` and `$[id]` are fields like any other (`a.$.x` and `a.$.y` do not conflict,
 * `a.$` and `a.$.x` do), and once more after they were resolved to array indexes, where
 * two writes that reach the same element field conflict (`a.$[].x` and `a.$[e].x` when
 * an element matches `e`).
 */

/** The field paths an update operator document writes, `$rename` targets included. */
export function updatePaths(update: Document): string[] {
  const paths: string[] = [];
  for (const [op, args] of Object.entries(update)) {
    if (!isPlainObject(args)) continue;
    for (const [path, value] of Object.entries(args)) {
      paths.push(path);
      if (op === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  return paths;
}

/**
 * The first conflict among `paths` in the order given: the later path and the shorter
 * of the two, or undefined when none conflicts.
 */
export function firstConflict(paths: readonly string[]): { path: string; at: string } | undefined {
  const seen = new Set<string>();
  const prefixes = new Set<string>();
  for (const path of paths) {
    if (seen.has(path) || prefixes.has(path)) return { path, at: path };
    let dot = path.indexOf('.');
    while (dot >= 0) {
      const prefix = path.slice(0, dot);
      if (seen.has(prefix)) return { path, at: prefix };
      prefixes.add(prefix);
      dot = path.indexOf('.', dot + 1);
    }
    seen.add(path);
  }
  return undefined;
}

/** Code 40 for paths as written: "Updating the path 'a.b' would create a conflict at 'a'". */
export function assertNoWrittenConflicts(update: Document): void {
  const conflict = firstConflict(updatePaths(update));
  if (!conflict) return;
  throw MongoCommandError.of(
    'ConflictingUpdateOperators',
    `Updating the path '${conflict.path}' would create a conflict at '${conflict.at}'`,
  );
}

/** Code 40 for resolved paths: "Update created a conflict at 'a.0.x'". */
export function assertNoResolvedConflicts(paths: readonly string[]): void {
  const conflict = firstConflict(paths);
  if (!conflict) return;
  throw MongoCommandError.of(
    'ConflictingUpdateOperators',
    `Update created a conflict at '${conflict.at}'`,
  );
}
