import { identityHeaders, viewerToHeaders } from '@fedshop/auth';
import type { SubgraphCallHook } from './subgraph-call-hook.js';

/**
 * The verified caller as identity headers, and nothing else: whatever a client sent under
 * those names is removed first. Calls outside a client request carry no identity.
 */
export const forwardIdentity: SubgraphCallHook = ({ headers, context }) => {
  for (const name of Object.values(identityHeaders)) headers.delete(name);
  if (!context?.viewer) return;
  for (const [name, value] of Object.entries(viewerToHeaders(context.viewer))) {
    headers.set(name, value);
  }
};
