import type { Document } from 'bson';

/**
 * Filters are handed around in view form (numbers unwrapped) because that is what the
 * query engine compares. Where converting lost information (an int64 beyond 2^53), the
 * exact form is remembered here, keyed by the view object, so the collection can still
 * check those conditions exactly. A view equal to its exact form is not recorded.
 */
const exactForms = new WeakMap<Document, Document>();

export function rememberExactForm(view: Document, exact: Document): void {
  if (view !== exact) exactForms.set(view, exact);
}

/** The exact form a view was made from; the view itself when nothing was converted. */
export function exactFormOf(view: Document): Document {
  return exactForms.get(view) ?? view;
}
