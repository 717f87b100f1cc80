import type { InternalTokenSigner } from '@fedshop/auth';
import type { GatewayContext } from '../../context.js';
import type { SubgraphCallHook } from './subgraph-call-hook.js';

/** The gateway's own token for a subgraph is reused while it has this long left. */
const serviceTokenReuseMs = 30_000;

/**
 * `Authorization: Bearer <internal token>` on every subgraph call: signed at most once per
 * (client request, subgraph), for that subgraph only, carrying the verified caller, the
 * request id and the client IP. The gateway's own calls (schema loads, health checks)
 * carry a SERVICE token, reused for half its lifetime.
 */
export function signInternalToken(sign: InternalTokenSigner): SubgraphCallHook {
  const perRequest = new WeakMap<GatewayContext, Map<string, Promise<string>>>();
  const serviceTokens = new Map<string, { token: Promise<string>; until: number }>();

  function requestToken(context: GatewayContext, audience: string): Promise<string> {
    let tokens = perRequest.get(context);
    if (!tokens) perRequest.set(context, (tokens = new Map()));
    let token = tokens.get(audience);
    if (!token) {
      token = sign({
        audience,
        viewer: context.viewer,
        requestId: context.requestId,
        clientIp: context.clientIp,
      });
      tokens.set(audience, token);
    }
    return token;
  }

  function serviceToken(audience: string): Promise<string> {
    const cached = serviceTokens.get(audience);
    if (cached && cached.until > Date.now()) return cached.token;
    const token = sign({ audience });
    serviceTokens.set(audience, { token, until: Date.now() + serviceTokenReuseMs });
    token.catch(() => serviceTokens.delete(audience));
    return token;
  }

  return async ({ serviceName, headers, context }) => {
    const token = context ? requestToken(context, serviceName) : serviceToken(serviceName);
    headers.set('authorization', `Bearer ${await token}`);
  };
}
