import type { Document } from 'bson';
import { Query } from 'mingo';
import { formatValue } from '../bson/format-value.js';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { requiredFieldConditions } from './required-field-conditions.js';
import { assertNoResolvedConflicts } from './update-paths.js';

/**
 * Rewrites the paths of an update operator document so that every `$`, `$[]` and
 * `$[<id>]` becomes the array index it stands for in this document (manual "$ (update)",
 * "$[]", "$[<identifier>]"): `children.$.name` with a filter on `children.name` becomes
 * `children.1.name`. Elements are chosen on the document before the update, once per
 * update, so two fields of one element (`children.$.name` and `children.$.updatedAt`) reach
 * the same element. Resolved paths that reach the same place conflict (code 40).
 */
export function resolvePositionalPaths(
  view: Document,
  update: Document,
  filter: Document | undefined,
  arrayFilters: Document[] | undefined,
): Document {
  const filters = compileArrayFilters(arrayFilters);
  const hasPositional = Object.values(update).some(
    (args) => isPlainObject(args) && Object.keys(args).some((path) => path.includes('$')),
  );
  if (!hasPositional) {
    assertAllFiltersUsed(filters, update);
    return update;
  }
  const resolver = new Resolver(view, filter ?? {}, filters);
  const resolved: Document = {};
  const allPaths: string[] = [];
  for (const [op, args] of Object.entries(update)) {
    if (!isPlainObject(args)) {
      resolved[op] = args;
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(args)) {
      if (op === '$rename' && (path.includes('$') || String(value).includes('$'))) {
        const which = path.includes('$') ? 'source' : 'destination';
        throw MongoCommandError.of(
          'BadValue',
          `The ${which} field for $rename may not be dynamic: ${which === 'source' ? path : String(value)}`,
        );
      }
      const concrete = path.includes('$') ? resolver.resolve(path) : [path];
      for (const p of concrete) {
        out[p] = value;
        allPaths.push(p);
      }
      if (op === '$rename' && typeof value === 'string') allPaths.push(value);
    }
    resolved[op] = out;
  }
  assertAllFiltersUsed(filters, update);
  assertNoResolvedConflicts(allPaths);
  return resolved;
}

interface ArrayFilter {
  query: Query;
  used: boolean;
}

/** One query per identifier; each filter document names exactly one identifier. */
function compileArrayFilters(arrayFilters: Document[] | undefined): Map<string, ArrayFilter> {
  const filters = new Map<string, ArrayFilter>();
  for (const filter of arrayFilters ?? []) {
    const ids = new Set(Object.keys(filter).map((key) => key.split('.')[0] as string));
    if (ids.size !== 1) {
      const [first, second] = [...ids];
      throw MongoCommandError.of(
        'FailedToParse',
        ids.size === 0
          ? 'Cannot use an expression without a top-level field name in arrayFilters'
          : `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${first}' and '${second}'`,
      );
    }
    const [id] = [...ids] as [string];
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      throw MongoCommandError.of(
        'BadValue',
        `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
      );
    }
    if (filters.has(id)) {
      throw MongoCommandError.of(
        'FailedToParse',
        `Found multiple array filters with the same top-level field name ${id}`,
      );
    }
    filters.set(id, { query: new Query(filter, {}), used: false });
  }
  return filters;
}

function assertAllFiltersUsed(filters: Map<string, ArrayFilter>, update: Document): void {
  if (filters.size === 0) return;
  const written = Object.values(update).flatMap((args) =>
    isPlainObject(args) ? Object.keys(args) : [],
  );
  for (const id of filters.keys()) {
    if (!written.some((path) => path.split('.').includes(`$[${id}]`))) {
      throw MongoCommandError.of(
        'FailedToParse',
        `The array filter for identifier '${id}' was not used in the update ${formatValue(update)}`,
      );
    }
  }
}

class Resolver {
  /** The element index `$` stands for, per array path (one `$` array per update in practice). */
  private readonly firstMatch = new Map<string, number>();

  constructor(
    private readonly view: Document,
    private readonly filter: Document,
    private readonly filters: Map<string, ArrayFilter>,
  ) {}

  resolve(path: string): string[] {
    const parts = path.split('.');
    if (parts.filter((part) => part === '$').length > 1) {
      throw MongoCommandError.of(
        'BadValue',
        `Too many positional (i.e. '$') elements found in path '${path}'`,
      );
    }
    const out: string[] = [];
    this.walk(this.view, parts, 0, [], path, out);
    return out;
  }

  private walk(
    value: unknown,
    parts: string[],
    at: number,
    done: string[],
    path: string,
    out: string[],
  ): void {
    if (at === parts.length || !parts.slice(at).some(isPositional)) {
      out.push([...done, ...parts.slice(at)].join('.'));
      return;
    }
    const part = parts[at] as string;
    if (!isPositional(part)) {
      let next: unknown;
      if (isPlainObject(value)) next = value[part];
      else if (Array.isArray(value) && /^\d+$/.test(part)) next = value[Number(part)];
      this.walk(next, parts, at + 1, [...done, part], path, out);
      return;
    }
    const arrayPath = done.join('.');
    if (value === undefined) {
      if (part === '$') throw positionalNotFound();
      throw MongoCommandError.of(
        'BadValue',
        `The path '${arrayPath}' must exist in the document in order to apply array updates.`,
      );
    }
    if (!Array.isArray(value)) {
      if (part === '$') throw positionalNotFound();
      throw MongoCommandError.of(
        'BadValue',
        `Cannot apply array updates to non-array element ${parts[at - 1] ?? arrayPath}: ${formatValue(value)}`,
      );
    }
    const indexes = this.indexes(value, part, arrayPath, path);
    for (const i of indexes) this.walk(value[i], parts, at + 1, [...done, String(i)], path, out);
  }

  private indexes(array: unknown[], part: string, arrayPath: string, path: string): number[] {
    if (part === '$[]') return array.map((_, i) => i);
    if (part === '$') return [this.positional(array, arrayPath)];
    const id = part.slice(2, -1);
    const filter = this.filters.get(id);
    if (!filter) {
      throw MongoCommandError.of(
        'BadValue',
        `No array filter found for identifier '${id}' in path '${path}'`,
      );
    }
    filter.used = true;
    const out: number[] = [];
    array.forEach((element, i) => {
      if (filter.query.test({ [id]: element })) out.push(i);
    });
    return out;
  }

  /**
   * The first element the filter's conditions on this array match, tried with the array
   * reduced to that element. When no element satisfies all of them at once (conditions
   * met by different elements), the last condition decides, as its match is the one
   * MongoDB records last.
   */
  private positional(array: unknown[], arrayPath: string): number {
    const known = this.firstMatch.get(arrayPath);
    if (known !== undefined) return known;
    const conditions = [...requiredFieldConditions(this.filter)].filter(
      ([field]) => field === arrayPath || field.startsWith(`${arrayPath}.`),
    );
    if (conditions.length === 0) throw positionalNotFound();
    const attempts = [conditions, ...conditions.reverse().map((c) => [c])];
    for (const attempt of attempts) {
      const query = new Query({ $and: attempt.map(([field, cond]) => ({ [field]: cond })) }, {});
      const index = array.findIndex((element) =>
        query.test(withValueAt(this.view, arrayPath, [element])),
      );
      if (index >= 0) {
        this.firstMatch.set(arrayPath, index);
        return index;
      }
    }
    throw positionalNotFound();
  }
}

function isPositional(part: string): boolean {
  return part === '$' || part === '$[]' || (part.startsWith('$[') && part.endsWith(']'));
}

function positionalNotFound(): MongoCommandError {
  return MongoCommandError.of(
    'BadValue',
    'The positional operator did not find the match needed from the query.',
  );
}

/** A shallow copy of `doc` with the value at a dotted path (through objects) replaced. */
function withValueAt(doc: Document, path: string, value: unknown): Document {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const current = doc[head];
  return {
    ...doc,
    [head]:
      rest.length === 0
        ? value
        : isPlainObject(current)
          ? withValueAt(current, rest.join('.'), value)
          : current,
  };
}
