import DataLoader from 'dataloader';

/**
 * Batches entity lookups of one request into a single `$in` query. Results come back in
 * the order of the ids asked for, and an id with no document resolves to null.
 *
 * With `visible` (the type's `@auth` rule for this request's caller, from
 * `createLoaders`' access), an item the caller may not see resolves to null as well:
 * after the same query, so a hidden item and an unknown id cannot be told apart.
 */
export function createEntityLoader<T>(
  loadMany: (ids: readonly string[]) => Promise<readonly T[]>,
  idOf: (item: T) => string,
  visible: (item: T) => boolean = () => true,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const items = await loadMany(ids);
    const byId = new Map(items.map((item) => [idOf(item), item]));
    return ids.map((id) => {
      const item = byId.get(id);
      return item !== undefined && visible(item) ? item : null;
    });
  });
}
