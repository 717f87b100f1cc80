import { defaultRequestIdHeader } from '@fedshop/service-kit';
import type { SubgraphCallHook } from './subgraph-call-hook.js';

/** The client request's id, so a subgraph's log lines join the gateway's. */
export const forwardRequestId: SubgraphCallHook = ({ headers, context }) => {
  if (context) headers.set(defaultRequestIdHeader, context.requestId);
};
