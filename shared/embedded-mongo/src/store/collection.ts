import { ObjectId, type Document } from 'bson';
import { Query } from 'mingo';
import type { JournalRecord } from '../persistence/journal-record.js';
import { exactFormOf } from '../bson/exact-forms.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { IndexSpec } from './hashed-index.js';
import { IndexCatalog } from './index-catalog.js';
import { assertStorable } from './document-limits.js';
import { fieldOrderCheck } from './field-order-check.js';
import { splitExactConditions } from './exact-conditions.js';
import { normalizeFilter } from './normalize-filter.js';
import { candidateIds } from './query-planner.js';
import type { QueryMetrics } from './query-metrics.js';
import { storedDocument, type StoredDocument } from './stored-document.js';

export type Journal = (record: JournalRecord) => void;

/**
 * One collection: documents in insertion (natural) order keyed by the canonical form of
 * their `_id`, plus the index catalog that is updated with every change.
 */
export class Collection {
  readonly namespace: string;
  readonly options: Document;
  private readonly docs = new Map<string, StoredDocument>();
  readonly indexes: IndexCatalog;

  constructor(
    readonly db: string,
    readonly name: string,
    options: Document,
    private readonly journal: Journal,
    private readonly metrics: QueryMetrics,
  ) {
    this.namespace = `${db}.${name}`;
    this.options = options;
    this.indexes = new IndexCatalog(this.namespace);
  }

  get size(): number {
    return this.docs.size;
  }

  all(): IterableIterator<StoredDocument> {
    return this.docs.values();
  }

  getById(id: string): StoredDocument | undefined {
    return this.docs.get(id);
  }

  /** Documents matching `filter` (a view-form filter), in natural order. */
  find(given: Document, limit = 0): StoredDocument[] {
    const exact = splitExactConditions(given, exactFormOf(given));
    const filter = normalizeFilter(exact.filter);
    const exactCheck = exact.check;
    const query = new Query(filter, {});
    const orderCheck = fieldOrderCheck(filter);
    const ids = candidateIds(filter, this.indexes);
    const out: StoredDocument[] = [];
    const source: Iterable<StoredDocument> = ids ? this.byIds(ids) : this.docs.values();
    for (const doc of source) {
      this.metrics.scannedObjects++;
      if (!query.test(doc.view) || (orderCheck && !orderCheck(doc.view))) continue;
      if (exactCheck && !exactCheck(doc.exact)) continue;
      out.push(doc);
      if (limit > 0 && out.length >= limit) break;
    }
    return out;
  }

  /**
   * Inserts a document (exact form). `_id` is generated when missing and, as MongoDB
   * does, moved to the front of the document.
   */
  insert(doc: Document): StoredDocument {
    const { _id, ...rest } = doc;
    const exact = { _id: _id === undefined ? new ObjectId() : _id, ...rest };
    if (Array.isArray(exact._id)) {
      throw MongoCommandError.of('InvalidIdField', `The '_id' value cannot be of type array`);
    }
    assertStorable(exact, 'insert');
    const stored = storedDocument(exact);
    this.indexes.assertUnique(stored.view);
    this.docs.set(stored.id, stored);
    this.indexes.addDocument(stored.view, stored.id);
    this.journal({ op: 'put', db: this.db, coll: this.name, doc: exact });
    return stored;
  }

  /** Replaces a stored document by a new version with the same `_id`. */
  replace(previous: StoredDocument, next: Document): StoredDocument {
    assertStorable(next, 'update');
    const stored = storedDocument(next);
    this.indexes.assertUnique(stored.view, stored.id);
    this.indexes.removeDocument(previous.view, previous.id);
    this.docs.set(stored.id, stored);
    this.indexes.addDocument(stored.view, stored.id);
    this.journal({ op: 'put', db: this.db, coll: this.name, doc: next });
    return stored;
  }

  remove(doc: StoredDocument): void {
    if (!this.docs.delete(doc.id)) return;
    this.indexes.removeDocument(doc.view, doc.id);
    this.journal({ op: 'delete', db: this.db, coll: this.name, id: doc.exact._id });
  }

  /** Applies a journaled put: insert or replace by `_id`, without re-journaling checks. */
  put(exact: Document): void {
    const stored = storedDocument(exact);
    const previous = this.docs.get(stored.id);
    if (previous) this.indexes.removeDocument(previous.view, previous.id);
    this.docs.set(stored.id, stored);
    this.indexes.addDocument(stored.view, stored.id);
    this.journal({ op: 'put', db: this.db, coll: this.name, doc: exact });
  }

  /**
   * Builds an index; false when an identical one exists. A replayed index is built without
   * unique checks: replay may pass through states the journal later corrects.
   */
  createIndex(spec: IndexSpec, { replaying = false } = {}): boolean {
    if (replaying ? this.indexes.get(spec.name) : !this.indexes.validateNew(spec)) return false;
    this.indexes.add(
      spec,
      [...this.docs.values()].map((d) => [d.id, d.view]),
      !replaying,
    );
    this.journal({ op: 'createIndex', db: this.db, coll: this.name, spec });
    return true;
  }

  /**
   * Hides or unhides an index (collMod `index.hidden`): a hidden index is still
   * maintained and still enforces uniqueness, but is not used to answer queries or hints.
   * Returns whether it was hidden before. Journaled as the index dropped and recreated.
   */
  setIndexHidden(name: string, hidden: boolean): boolean {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`no index ${name}`);
    const before = index.spec.hidden === true;
    if (before === hidden) return before;
    const { hidden: _previous, ...rest } = index.spec;
    const spec = hidden ? { ...rest, hidden: true } : rest;
    this.dropIndex(name);
    this.createIndex(spec, { replaying: true });
    return before;
  }

  dropIndex(name: string): void {
    this.indexes.drop(name);
    this.journal({ op: 'dropIndex', db: this.db, coll: this.name, name });
  }

  private *byIds(ids: Iterable<string>): Iterable<StoredDocument> {
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) yield doc;
    }
  }
}
