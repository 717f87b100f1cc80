import { Long, type Document } from 'bson';
import type { CursorRegistry } from '../store/cursor-registry.js';
import { takeBatch } from '../store/cursor-registry.js';

/** @defaultValue 101 documents, the server's default first batch. */
export const defaultFirstBatchSize = 101;
/** Replies stay well under the 16 MiB document limit. */
export const maxBatchBytes = 16 * 1024 * 1024 - 64 * 1024;

/**
 * The `{ cursor: { id, ns, firstBatch } }` reply of find/aggregate/listX. Documents that
 * do not fit in the first batch stay in a registered cursor for getMore.
 */
export function cursorReply(
  cursors: CursorRegistry,
  ns: string,
  docs: Document[],
  batchSize: number | undefined,
  singleBatch = false,
): Document {
  // batchSize 0 asks for an empty first batch: the cursor is only established.
  const firstBatch =
    batchSize === 0 ? [] : takeBatch(docs, 0, batchSize ?? defaultFirstBatchSize, maxBatchBytes);
  const more = firstBatch.length < docs.length && !singleBatch;
  const id = more ? cursors.open(ns, docs, firstBatch.length) : Long.ZERO;
  return { cursor: { firstBatch, id, ns }, ok: 1 };
}
