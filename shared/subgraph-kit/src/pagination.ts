import { badUserInput } from '@fedshop/errors';

/** Largest page a client may ask for; larger `first` values are capped to it. */
export const maxPageSize = 100;

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** `first` as a page size: negative is an input error, above the maximum is capped. */
export function pageSize(first: number | null | undefined, defaultSize = 20): number {
  const size = first ?? defaultSize;
  if (!Number.isInteger(size) || size < 0) {
    throw badUserInput('first', 'first must be a whole number of 0 or more');
  }
  return Math.min(size, maxPageSize);
}

/** Cursors are opaque to clients: base64url of the position (a document id). */
export function encodeCursor(position: string): string {
  return Buffer.from(`v1:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('v1:') || decoded.length === 3) {
    throw badUserInput(field, `${field} is not a cursor returned by this API`);
  }
  return decoded.slice(3);
}

/**
 * Builds a connection from `size + 1` fetched items: the extra one only tells that a
 * next page exists.
 */
export function toPage<T>(
  items: readonly T[],
  size: number,
  positionOf: (item: T) => string,
): Page<T> {
  const nodes = items.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: items.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
