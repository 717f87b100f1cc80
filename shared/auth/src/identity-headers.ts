import { isRole, type Viewer } from './viewer.js';

/**
 * Headers the gateway sets on subgraph requests after verifying the caller's JWT.
 * Subgraphs trust them, so the gateway never copies client headers through, and
 * subgraphs must only be reachable from the gateway.
 */
export const identityHeaders = {
  userId: 'x-fedshop-user-id',
  role: 'x-fedshop-user-role',
} as const;

export function viewerToHeaders(viewer: Viewer): Record<string, string> {
  return { [identityHeaders.userId]: viewer.userId, [identityHeaders.role]: viewer.role };
}

type HeaderSource = { get(name: string): string | null | undefined } | Record<string, unknown>;

export function viewerFromHeaders(headers: HeaderSource): Viewer | null {
  const read = (name: string): unknown =>
    typeof headers.get === 'function'
      ? (headers.get as (name: string) => unknown)(name)
      : (headers as Record<string, unknown>)[name];
  const userId = read(identityHeaders.userId);
  const role = read(identityHeaders.role);
  if (typeof userId !== 'string' || userId.length === 0 || !isRole(role)) return null;
  return { userId, role };
}
