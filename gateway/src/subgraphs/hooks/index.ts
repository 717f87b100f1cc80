import { forwardIdentity } from './forward-identity.js';
import { forwardRequestId } from './forward-request-id.js';
import type { SubgraphCallHook } from './subgraph-call-hook.js';

export type { SubgraphCall, SubgraphCallHook } from './subgraph-call-hook.js';

/** The hooks every subgraph call runs, in order. */
export const subgraphCallHooks: readonly SubgraphCallHook[] = [forwardIdentity, forwardRequestId];
