import type { Request } from 'express';
import type { Viewer } from '@fedshop/auth';
import { addressKey, parseAddress, type TrustedProxies } from '@fedshop/rate-limits';

export type { TrustedProxies } from '@fedshop/rate-limits';

/**
 * Whose budget a request spends: the verified user's, else the client address's (from
 * `clientAddress`, so a client cannot choose its own key). An IPv6 client is keyed by its /64
 * (one subscriber's whole network).
 */
export function callerKey(viewer: Viewer | null, clientIp: string): string {
  if (viewer) return `user:${viewer.userId}`;
  return `ip:${addressKey(clientIp)}`;
}

/**
 * The client's address: the TCP peer unless that peer is a trusted proxy; then
 * `X-Forwarded-For` is read from the right, past trusted proxies, to the first untrusted hop.
 */
export function clientAddress(req: Request, proxies: TrustedProxies): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!proxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0);
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index]!;
    if (parseAddress(hop) === undefined) break;
    client = hop;
    if (!proxies.has(hop)) break;
  }
  return client;
}
