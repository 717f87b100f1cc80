import type { Document } from 'bson';
import { Query } from 'mingo';
import { toView } from '../bson/value-view.js';
import type { StoredDocument } from './stored-document.js';

/** Sorts stored documents by a sort specification, comparing their views. */
export function sortDocuments(docs: StoredDocument[], sort: Document | undefined): StoredDocument[] {
  if (!sort || Object.keys(sort).length === 0 || docs.length < 2) return docs;
  const byView = new Map<Document, StoredDocument>(docs.map((d) => [d.view, d]));
  const sorted = new Query({}, {}).find(docs.map((d) => d.view)).sort(toView(sort)).all() as Document[];
  return sorted.map((view) => byView.get(view) as StoredDocument);
}
