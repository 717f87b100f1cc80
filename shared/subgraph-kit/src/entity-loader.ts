import DataLoader from 'dataloader';

/**
 * Batches entity lookups of one request into a single `$in` query. Results come back in
 * the order of the ids asked for, and an id with no document resolves to null.
 */
export function createEntityLoader<T>(
  loadMany: (ids: readonly string[]) => Promise<readonly T[]>,
  idOf: (item: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const items = await loadMany(ids);
    const byId = new Map(items.map((item) => [idOf(item), item]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
