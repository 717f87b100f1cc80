import type { InternalTokenSigner } from '@fedshop/auth';
import { forwardRequestId } from './forward-request-id.js';
import { signInternalToken } from './sign-internal-token.js';
import type { SubgraphCallHook } from './subgraph-call-hook.js';

export type { SubgraphCall, SubgraphCallHook } from './subgraph-call-hook.js';

/** The hooks every subgraph call runs, in order. */
export function subgraphCallHooks(signer: InternalTokenSigner): SubgraphCallHook[] {
  return [signInternalToken(signer), forwardRequestId];
}
