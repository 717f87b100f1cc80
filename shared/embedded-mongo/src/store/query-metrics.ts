/**
 * Counters in the spirit of `serverStatus.metrics.queryExecutor`: `scannedObjects` is
 * the number of documents examined by queries, which shows whether an index was used.
 */
export interface QueryMetrics {
  scannedObjects: number;
}

export function createQueryMetrics(): QueryMetrics {
  return { scannedObjects: 0 };
}
