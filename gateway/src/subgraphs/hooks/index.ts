import type { InternalTokenSigner } from '@fedshop/auth';
import { forwardRequestId } from './forward-request-id.js';
import { signInternalToken } from './sign-internal-token.js';
import type { SubgraphCallHook } from './subgraph-call-hook.js';

export type { SubgraphCall, SubgraphCallHook } from './subgraph-call-hook.js';

/** The hooks every subgraph call runs, in order. `sign: false` only with INTERNAL_TOKENS=unsigned (benchmark). */
export function subgraphCallHooks(signer: InternalTokenSigner, sign = true): SubgraphCallHook[] {
  return [sign ? signInternalToken(signer) : unsignedPlaceholder, forwardRequestId];
}

/** Benchmark only: what a call costs without signing; every real subgraph refuses it. */
const unsignedPlaceholder: SubgraphCallHook = ({ headers }) => {
  headers.set('authorization', 'Bearer unsigned-benchmark-placeholder');
};
