import type { SubgraphAnswer, SubgraphFetch, SubgraphPolicy } from '../subgraph-fetch.js';

/**
 * Identical query fetches in flight at once share one call: same subgraph, document and
 * variables (the body), for the same caller (`sub` and `role`). The per-request internal
 * token is not part of the key, so requests of one user share; users never do. Followers
 * get their own copy of the answer and are logged with the leader's request id. Mutation
 * fetches always go out.
 */
export function shareInflightQueries(): SubgraphPolicy {
  const inflight = new Map<string, { leaderRequestId: string; answer: Promise<SubgraphAnswer> }>();
  return (next) => async (fetch) => {
    const { context } = fetch;
    if (fetch.operation !== 'query' || !context) return next(fetch);
    const key = sharingKey(fetch);
    const shared = inflight.get(key);
    if (shared) {
      fetch.logger.info(
        { serviceName: fetch.serviceName, leaderRequestId: shared.leaderRequestId },
        'subgraph fetch shared with an identical one in flight',
      );
      return structuredClone(await shared.answer);
    }
    const entry = { leaderRequestId: context.requestId, answer: next(fetch) };
    inflight.set(key, entry);
    try {
      return await entry.answer;
    } finally {
      if (inflight.get(key) === entry) inflight.delete(key);
    }
  };
}

function sharingKey({ serviceName, body, context }: SubgraphFetch): string {
  const viewer = context?.viewer;
  return JSON.stringify([serviceName, viewer?.userId ?? null, viewer?.role ?? null, body]);
}
