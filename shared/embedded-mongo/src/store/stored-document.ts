import type { Document } from 'bson';
import { canonicalKey } from '../bson/canonical-key.js';
import { toView } from '../bson/value-view.js';

/**
 * A document as held by a collection: the exact BSON form that is returned to clients and
 * journaled, and its comparable view (numbers unwrapped) that mingo queries run against.
 * Both are treated as immutable; an update stores a new StoredDocument.
 */
export interface StoredDocument {
  readonly id: string;
  readonly exact: Document;
  readonly view: Document;
}

export function storedDocument(exact: Document): StoredDocument {
  return { id: canonicalKey(exact._id), exact, view: toView(exact) };
}
