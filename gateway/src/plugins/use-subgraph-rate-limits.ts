import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@fedshop/errors';

/**
 * A subgraph's own RATE_LIMITED (users' password-guessing limits) answered like the
 * gateway's budget: HTTP 429 and `Retry-After`, the longest wait any such error asks for
 * (whole seconds, at least 1, as its `extensions.retryAfterSeconds`).
 */
export function useSubgraphRateLimits(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const waits = (response.body.singleResult.errors ?? [])
            .filter((error) => error.extensions?.code === ErrorCode.RATE_LIMITED)
            .map((error) => Number(error.extensions?.retryAfterSeconds))
            .filter((seconds) => Number.isInteger(seconds) && seconds >= 1);
          if (waits.length === 0) return;
          response.http.status = 429;
          response.http.headers.set('retry-after', String(Math.max(...waits)));
        },
      };
    },
  };
}
