import type { Document } from 'bson';
import { canonicalKey } from '../bson/canonical-key.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { JournalRecord, Persistence } from '../persistence/journal-record.js';
import { Collection } from './collection.js';
import { ID_INDEX_SPEC } from './index-catalog.js';
import type { IndexSpec } from './hashed-index.js';
import { createQueryMetrics } from './query-metrics.js';

/**
 * All databases and collections. Every mutation is recorded as a {@link JournalRecord};
 * the records of one command are handed to the persistence together by {@link flush},
 * which the server awaits before it replies.
 */
export class Store {
  private readonly databases = new Map<string, Map<string, Collection>>();
  private pending: JournalRecord[] = [];
  private replaying = false;
  readonly metrics = createQueryMetrics();

  constructor(private readonly persistence: Persistence) {}

  private readonly journal = (record: JournalRecord): void => {
    if (!this.replaying) this.pending.push(record);
  };

  /** Appends the records of the command that just ran; resolves once they are durable. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    await this.persistence.append(records);
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  getCollection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created implicitly (as inserts and index builds do) when missing. */
  ensureCollection(db: string, name: string): Collection {
    return this.getCollection(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document): Collection {
    validateCollectionName(db, name);
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    if (collections.has(name)) {
      throw MongoCommandError.of('NamespaceExists', `Collection ${db}.${name} already exists.`);
    }
    const collection = new Collection(db, name, options, this.journal, this.metrics);
    collections.set(name, collection);
    this.journal({ op: 'createCollection', db, coll: name, options });
    return collection;
  }

  dropCollection(db: string, name: string): boolean {
    const collections = this.databases.get(db);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.databases.delete(db);
    this.journal({ op: 'dropCollection', db, coll: name });
    return true;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
    this.journal({ op: 'dropDatabase', db });
  }

  /** Applies a journal record at start-up without journaling it again. */
  applyRecord(record: JournalRecord): void {
    this.replaying = true;
    try {
      switch (record.op) {
        case 'createCollection':
          if (!this.getCollection(record.db, record.coll)) {
            this.createCollection(record.db, record.coll, record.options ?? {});
          }
          break;
        case 'put':
          this.ensureCollection(record.db, record.coll).put(record.doc);
          break;
        case 'delete': {
          const collection = this.getCollection(record.db, record.coll);
          const doc = collection?.getById(canonicalKey(record.id));
          if (collection && doc) collection.remove(doc);
          break;
        }
        case 'createIndex':
          this.ensureCollection(record.db, record.coll).createIndex(record.spec as IndexSpec, {
            replaying: true,
          });
          break;
        case 'dropIndex':
          this.getCollection(record.db, record.coll)?.dropIndex(record.name);
          break;
        case 'dropCollection':
          this.dropCollection(record.db, record.coll);
          break;
        case 'dropDatabase':
          this.dropDatabase(record.db);
          break;
      }
    } finally {
      this.replaying = false;
    }
  }

  /** The whole state as records (collections, then their indexes and documents), for compaction. */
  *snapshot(): Generator<JournalRecord> {
    for (const [db, collections] of this.databases) {
      for (const collection of collections.values()) {
        yield { op: 'createCollection', db, coll: collection.name, options: collection.options };
        for (const index of collection.indexes.list()) {
          if (index.name !== ID_INDEX_SPEC.name) {
            yield { op: 'createIndex', db, coll: collection.name, spec: index.spec };
          }
        }
        for (const doc of collection.all())
          yield { op: 'put', db, coll: collection.name, doc: doc.exact };
      }
    }
  }
}

function validateCollectionName(db: string, name: string): void {
  if (!db || /[/\\. "$]/.test(db)) {
    throw MongoCommandError.of('InvalidNamespace', `Invalid database name: '${db}'`);
  }
  if (!name || name.includes('$') || name.startsWith('.')) {
    throw MongoCommandError.of('InvalidNamespace', `Invalid collection name: ${name}`);
  }
}
