import { createHash, randomBytes } from 'node:crypto';

/**
 * A refresh token is `<familyId>.<secret>`, both random and base64url: the family is one
 * session (from sign-up or log-in to log-out), the secret changes on every refresh. Only a
 * SHA-256 of the secret is stored, so a copy of the database refreshes nothing; a fast hash
 * is enough for 256 random bits (nothing to guess, unlike a password).
 */
export interface RefreshToken {
  familyId: string;
  secret: string;
}

const familyIdBytes = 16;
const secretBytes = 32;
// 16 and 32 bytes are 22 and 43 base64url characters (no padding).
const shape = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export const newFamilyId = (): string => randomBytes(familyIdBytes).toString('base64url');

export const newSecret = (): string => randomBytes(secretBytes).toString('base64url');

export const formatRefreshToken = ({ familyId, secret }: RefreshToken): string =>
  `${familyId}.${secret}`;

/** The parts of a well-formed token; null for anything else (never thrown at, never echoed). */
export function parseRefreshToken(token: string): RefreshToken | null {
  const match = typeof token === 'string' ? shape.exec(token) : null;
  return match ? { familyId: match[1]!, secret: match[2]! } : null;
}

/** What the database keeps of a secret. */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('base64url');
