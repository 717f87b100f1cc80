import type { Request } from 'express';
import ipaddr from 'ipaddr.js';
import type { Viewer } from '@fedshop/auth';

/** Peers whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`: addresses or CIDR ranges). */
export interface TrustedProxies {
  has(address: string): boolean;
}

/** Parses `TRUSTED_PROXIES` entries; throws naming the first that is neither an address nor a range. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges = entries.map((entry) => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
  });
  return {
    has: (address) => {
      const parsed = parseAddress(address);
      return (
        parsed !== undefined &&
        ranges.some(
          ([range, bits]) =>
            range.kind() === parsed.kind() &&
            (parsed as ipaddr.IPv4).match(range as ipaddr.IPv4, bits),
        )
      );
    },
  };
}

export function isAddressOrRange(entry: string): boolean {
  try {
    if (entry.includes('/')) ipaddr.parseCIDR(entry);
    else ipaddr.parse(entry);
    return true;
  } catch {
    return false;
  }
}

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

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

function addressKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const groups = (parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4);
  return `${groups.join(':')}::/64`;
}
