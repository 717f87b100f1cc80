import type { Document } from 'bson';
import { formatDocument } from '../bson/format-value.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { HashedIndex, type IndexSpec } from './hashed-index.js';

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Whether two key patterns are the same (same fields, same order, same directions). */
function sameKey(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return (
    JSON.stringify(Object.entries(a).map(([k, v]) => [k, Number(v) || v])) ===
    JSON.stringify(Object.entries(b).map(([k, v]) => [k, Number(v) || v]))
  );
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    Boolean(a.unique) === Boolean(b.unique) &&
    Boolean(a.sparse) === Boolean(b.sparse) &&
    JSON.stringify(a.partialFilterExpression ?? null) ===
      JSON.stringify(b.partialFilterExpression ?? null)
  );
}

/** The indexes of one collection; keeps every index's hash map in step with the documents. */
export class IndexCatalog {
  private readonly indexes = new Map<string, HashedIndex>();

  constructor(private readonly namespace: string) {
    this.indexes.set(ID_INDEX_SPEC.name, new HashedIndex(ID_INDEX_SPEC));
  }

  list(): HashedIndex[] {
    return [...this.indexes.values()];
  }

  get(name: string): HashedIndex | undefined {
    return this.indexes.get(name);
  }

  findByKey(key: Record<string, unknown>): HashedIndex | undefined {
    return this.list().find((index) => sameKey(index.spec.key, key));
  }

  /**
   * Validates a new index against the existing ones. Returns false when an identical
   * index exists (createIndexes is then a no-op), throws on a conflicting one.
   */
  validateNew(spec: IndexSpec): boolean {
    const byName = this.indexes.get(spec.name);
    if (byName) {
      if (!sameKey(byName.spec.key, spec.key)) {
        throw MongoCommandError.of(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatDocument(spec)}, existing index: ${formatDocument(byName.spec)}`,
        );
      }
      if (!sameOptions(byName.spec, spec)) {
        throw MongoCommandError.of(
          'IndexOptionsConflict',
          `An equivalent index already exists with the same name but different options. Requested index: ${formatDocument(spec)}, existing index: ${formatDocument(byName.spec)}`,
        );
      }
      return false;
    }
    const byKey = this.findByKey(spec.key);
    if (byKey && !spec.partialFilterExpression && !byKey.spec.partialFilterExpression) {
      throw MongoCommandError.of(
        'IndexOptionsConflict',
        `Index already exists with a different name: ${byKey.name}`,
      );
    }
    return true;
  }

  /** Adds an index over the given documents; throws E11000 when they violate it. */
  add(spec: IndexSpec, docs: Iterable<[string, Document]>, checkUnique = true): void {
    const index = new HashedIndex(spec);
    for (const [id, view] of docs) {
      const conflict = checkUnique ? index.findConflict(view, id) : undefined;
      if (conflict) throw this.duplicateError(index, conflict.values);
      index.add(view, id);
    }
    this.indexes.set(spec.name, index);
  }

  drop(name: string): void {
    this.indexes.delete(name);
  }

  /**
   * Throws the E11000 error MongoDB reports when `view` would duplicate a unique key;
   * `id` is given when the document replaces its own previous version.
   */
  assertUnique(view: Document, id?: string): void {
    for (const index of this.indexes.values()) {
      const conflict = index.findConflict(view, id);
      if (conflict) throw this.duplicateError(index, conflict.values);
    }
  }

  addDocument(view: Document, id: string): void {
    for (const index of this.indexes.values()) index.add(view, id);
  }

  removeDocument(view: Document, id: string): void {
    for (const index of this.indexes.values()) index.remove(view, id);
  }

  clearEntries(): void {
    for (const index of this.indexes.values()) index.clear();
  }

  /** An index that can answer equality lookups on `field`, if there is one. */
  equalityIndexFor(field: string): HashedIndex | undefined {
    for (const index of this.indexes.values())
      if (index.spec.hidden !== true && index.coversEqualityOn(field)) return index;
    return undefined;
  }

  private duplicateError(index: HashedIndex, values: unknown[]): MongoCommandError {
    const keyValue: Record<string, unknown> = {};
    index.fields.forEach((field, i) => {
      keyValue[field] = values[i] === undefined ? null : values[i];
    });
    return MongoCommandError.of(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.namespace} index: ${index.name} dup key: ${formatDocument(keyValue)}`,
      { keyPattern: index.spec.key, keyValue },
    );
  }
}
