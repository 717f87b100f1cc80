import type { Document } from 'bson';
import { Query } from 'mingo';
import { clonePlain, restoreNumericTypes, toView } from '../bson/value-view.js';
import type { StoredDocument } from './stored-document.js';

/**
 * Applies a find projection (inclusion, exclusion, `$slice`, `$elemMatch`, positional)
 * to documents. It runs on the views so operators compare numbers correctly, then the
 * exact numeric types are restored from the stored documents.
 */
export function projectDocuments(
  docs: StoredDocument[],
  projection: Document | undefined,
  filter: Document = {},
): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs.map((d) => d.exact);
  const spec = toView(projection);
  // The documents already match the filter; it is passed for the positional `$` only.
  // mingo may change embedded documents of its input in place, so it gets copies.
  const projected = new Query(filter, {})
    .find(
      docs.map((d) => clonePlain(d.view)),
      spec,
    )
    .all() as Document[];
  return projected.map((doc, i) =>
    inOriginalOrder(restoreNumericTypes(doc, docs[i]?.exact) as Document, docs[i]?.exact),
  );
}

/** Projected fields keep the order they have in the stored document (so `_id` stays first). */
function inOriginalOrder(projected: Document, original: Document | undefined): Document {
  if (!original) return projected;
  const out: Document = {};
  for (const key of Object.keys(original)) if (key in projected) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}
