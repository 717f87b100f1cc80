import { describe, expect, it } from 'vitest';
import { AppError } from '@fedshop/errors';
import {
  createEntityLoader,
  decodeCursor,
  encodeCursor,
  maxPageSize,
  pageSize,
  toPage,
} from '@fedshop/subgraph-kit';

describe('pagination', () => {
  it('when first is above the maximum, then it is capped', () => {
    expect(pageSize(10_000)).toBe(maxPageSize);
    expect(pageSize(undefined)).toBe(20);
  });

  it('when first is negative, then it is BAD_USER_INPUT naming first', () => {
    let error: unknown;
    try {
      pageSize(-1);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({ field: 'first' });
  });

  it('when a cursor is decoded, then it gives back the position; a forged one is rejected', () => {
    expect(decodeCursor(encodeCursor('abc'))).toBe('abc');
    expect(() => decodeCursor('bm9wZQ')).toThrow(/after is not a cursor/);
  });

  it('when one more item than the page was fetched, then hasNextPage is true', () => {
    const page = toPage([{ id: 'a' }, { id: 'b' }, { id: 'c' }], 2, (item) => item.id);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
  });

  it('when the page is empty, then endCursor is null', () => {
    expect(toPage([], 5, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

describe('entity loader', () => {
  it('when ids are loaded together, then one batch answers them in order with null for missing', async () => {
    const batches: string[][] = [];
    const loader = createEntityLoader(
      async (ids) => {
        batches.push([...ids]);
        return [{ id: 'b' }, { id: 'a' }];
      },
      (item) => item.id,
    );
    const results = await Promise.all([loader.load('a'), loader.load('missing'), loader.load('b')]);
    expect(results).toEqual([{ id: 'a' }, null, { id: 'b' }]);
    expect(batches).toEqual([['a', 'missing', 'b']]);
  });
});
