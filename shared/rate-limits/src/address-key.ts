import ipaddr from 'ipaddr.js';

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

/** An IP address (an IPv4-mapped IPv6 one as IPv4); undefined for anything else. */
export function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

/**
 * What a client address counts as in a limit key: an IPv4 address itself, an IPv6 one by
 * its /64 (one subscriber's whole network, which it can hop around freely). Anything that is
 * not an address is kept as it is.
 */
export function addressKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const groups = (parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4);
  return `${groups.join(':')}::/64`;
}
