import type { Document } from 'bson';
import { Aggregator } from 'mingo';
import { toView } from '../bson/value-view.js';
import { fromEngineError } from '../errors/engine-error.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { Collection } from './collection.js';
import type { Store } from './store.js';

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
): Document[] {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (unsupportedStages.has(name)) {
      throw MongoCommandError.of('IllegalOperation', `${name} is not supported by this server`);
    }
  }
  const exactOf = new Map<Document, Document>();
  const viewsOf = (c: Collection | undefined): Document[] => {
    const views: Document[] = [];
    for (const doc of c?.all() ?? []) {
      exactOf.set(doc.view, doc.exact);
      views.push(doc.view);
    }
    return views;
  };
  // A leading $match can use the collection's indexes instead of feeding every document.
  let source: Document[];
  let stages = toView(pipeline);
  const first = stages[0];
  if (collection && first && '$match' in first) {
    source = collection.find(first.$match as Document).map((doc) => {
      exactOf.set(doc.view, doc.exact);
      return doc.view;
    });
    stages = stages.slice(1);
  } else {
    source = viewsOf(collection);
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
