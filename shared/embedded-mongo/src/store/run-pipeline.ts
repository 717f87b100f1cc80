import type { Document } from 'bson';
import { Aggregator } from 'mingo';
import { rememberExactForm } from '../bson/exact-forms.js';
import { clonePlain, toView } from '../bson/value-view.js';
import { fromEngineError } from '../errors/engine-error.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { Collection } from './collection.js';
import type { Store } from './store.js';
import { sortDocuments } from './sort-documents.js';
import type { StoredDocument } from './stored-document.js';

const unsupportedStages = new Set([
  '$out',
  '$merge',
  '$changeStream',
  '$currentOp',
  '$listSessions',
  '$search',
]);

/**
 * Runs an aggregation pipeline over a collection of `db` with mingo. `$lookup` resolves
 * collections of the same database. Stages run on document views; documents that come
 * out unchanged (e.g. after `$match`/`$sort`, or joined by `$lookup`) are returned in
 * their exact form.
 */
export function runPipeline(
  store: Store,
  db: string,
  collection: Collection | undefined,
  pipeline: Document[],
  /** The order the collection's documents enter the pipeline in (a hinted index's key). */
  order?: Document,
): Document[] {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (unsupportedStages.has(name)) {
      // Not IllegalOperation (20): the driver reports that code on writes as "retryable
      // writes not supported", hiding the message.
      throw MongoCommandError.of('CommandNotSupported', `${name} is not supported by this server`);
    }
  }
  const exactOf = new Map<Document, Document>();
  // Stages such as `$set: { 'a.b': 1 }` write into the embedded documents of their input,
  // and a view shares those with the stored exact form: mingo gets copies.
  const input = (doc: StoredDocument): Document => {
    const copy = clonePlain(doc.view);
    exactOf.set(copy, doc.exact);
    return copy;
  };
  const viewsOf = (c: Collection | undefined): Document[] => [...(c?.all() ?? [])].map(input);
  // A leading $match can use the collection's indexes instead of feeding every document.
  let source: Document[];
  let stages = toView(pipeline);
  const first = stages[0];
  if (collection && first && '$match' in first) {
    const match = first.$match as Document;
    rememberExactForm(match, (pipeline[0] as Document).$match as Document);
    source = sortDocuments(collection.find(match), order).map(input);
    stages = stages.slice(1);
  } else {
    source = sortDocuments([...(collection?.all() ?? [])], order).map(input);
  }
  let results: Document[];
  try {
    const aggregator = new Aggregator(stages, {
      collectionResolver: (name: string) => viewsOf(store.getCollection(db, name)),
    });
    results = aggregator.run(source) as Document[];
  } catch (error) {
    throw fromEngineError(error);
  }
  return results.map((doc) => restoreExact(doc, exactOf));
}

function restoreExact(doc: Document, exactOf: Map<Document, Document>): Document {
  const exact = exactOf.get(doc);
  if (exact) return exact;
  let out: Document | undefined;
  for (const [key, value] of Object.entries(doc)) {
    if (!Array.isArray(value) || !value.some((item) => exactOf.has(item as Document))) continue;
    out ??= { ...doc };
    out[key] = value.map((item: Document) => exactOf.get(item) ?? item);
  }
  return out ?? doc;
}
