import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** The fetch signature Apollo's data sources call (`@apollo/utils.fetcher`). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface SubgraphFetcherOptions {
  /** A subgraph request is aborted after this long. @defaultValue `defaultSubgraphTimeoutMs` */
  timeoutMs?: number;
}

export const defaultSubgraphTimeoutMs = 10_000;

/**
 * Node's global fetch (undici) pools keep-alive connections per origin, so subgraph calls
 * reuse sockets; every call gets its own deadline so a hung subgraph cannot hold a
 * gateway request forever.
 */
export function createSubgraphFetcher({
  timeoutMs = defaultSubgraphTimeoutMs,
}: SubgraphFetcherOptions = {}): Fetcher {
  return async (url, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal as AbortSignal, deadline]) : deadline;
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal,
    });
    return response as FetcherResponse;
  };
}
