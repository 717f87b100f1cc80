import type { Document } from 'bson';
import { Query } from 'mingo';
import { canonicalKey } from '../bson/canonical-key.js';
import { toView } from '../bson/value-view.js';
import { fieldValues } from './field-values.js';

/** An index definition as `createIndexes` receives it and `listIndexes` returns it. */
export interface IndexSpec extends Document {
  v?: number;
  key: Record<string, unknown>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
}

/** One index key of a document: its hash-map key and the field values that formed it. */
export interface IndexKey {
  hash: string;
  values: unknown[];
}

/**
 * One index: a hash map from the canonical key of the indexed value(s) to the ids of the
 * documents holding them. Serves unique checks and equality lookups without a scan.
 */
export class HashedIndex {
  readonly spec: IndexSpec;
  readonly fields: string[];
  readonly unique: boolean;
  private readonly sparse: boolean;
  private readonly partial: Query | undefined;
  private readonly entries = new Map<string, Set<string>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.unique = spec.unique === true || spec.name === '_id_';
    this.sparse = spec.sparse === true;
    this.partial = spec.partialFilterExpression
      ? new Query(toView(spec.partialFilterExpression), {})
      : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  /** True when equality lookups on `field` can rely on this index holding every document. */
  coversEqualityOn(field: string): boolean {
    const direction = this.spec.key[field];
    const plain = typeof direction === 'number' || direction === 'hashed';
    return plain && this.fields.length === 1 && this.fields[0] === field && !this.partial;
  }

  /** The keys a document produces; empty when the document is not in the index. */
  keysOf(view: Document): IndexKey[] {
    if (this.partial && !this.partial.test(view)) return [];
    const perField = this.fields.map((f) => fieldValues(view, f));
    if (this.sparse && perField.every((values) => values.length === 0)) return [];
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      const options = values.length === 0 ? [null] : values;
      combos = combos.flatMap((prefix) => options.map((v) => [...prefix, v]));
    }
    const seen = new Set<string>();
    const keys: IndexKey[] = [];
    for (const values of combos) {
      const hash = this.hashOf(values);
      if (!seen.has(hash)) {
        seen.add(hash);
        keys.push({ hash, values });
      }
    }
    return keys;
  }

  /** The hash-map key of a single-field equality value, as used by {@link lookup}. */
  hashOf(values: unknown[]): string {
    const parts = values.map((v) => (v === undefined ? 'u' : canonicalKey(v)));
    return parts.length === 1 ? (parts[0] as string) : JSON.stringify(parts);
  }

  /**
   * A key of `view` already held by another document, if any. `ownId` is the document's
   * own id when it replaces itself; a new document passes none, so a repeated `_id`
   * conflicts too.
   */
  findConflict(view: Document, ownId?: string): IndexKey | undefined {
    if (!this.unique) return undefined;
    return this.keysOf(view).find((key) => {
      const holders = this.entries.get(key.hash);
      if (!holders) return false;
      for (const id of holders) if (id !== ownId) return true;
      return false;
    });
  }

  add(view: Document, id: string): void {
    for (const { hash } of this.keysOf(view)) {
      let holders = this.entries.get(hash);
      if (!holders) this.entries.set(hash, (holders = new Set()));
      holders.add(id);
    }
  }

  remove(view: Document, id: string): void {
    for (const { hash } of this.keysOf(view)) {
      const holders = this.entries.get(hash);
      if (!holders) continue;
      holders.delete(id);
      if (holders.size === 0) this.entries.delete(hash);
    }
  }

  /** Ids of documents whose single indexed field equals (or contains) `value`. */
  lookup(value: unknown): ReadonlySet<string> {
    return this.entries.get(this.hashOf([value])) ?? new Set();
  }

  clear(): void {
    this.entries.clear();
  }
}
