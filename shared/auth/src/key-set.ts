import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';

/** Every token this platform signs uses ES256 (ECDSA P-256 with SHA-256). */
export const tokenAlgorithm = 'ES256';

const publicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  kid: z.string().min(1),
  x: z.string().min(1),
  y: z.string().min(1),
  alg: z.literal(tokenAlgorithm).optional(),
  use: z.literal('sig').optional(),
});
const privateJwk = publicJwk.extend({ d: z.string().min(1) });

export type PublicJwk = z.output<typeof publicJwk>;
export type PrivateJwk = z.output<typeof privateJwk>;

/** A JWK Set as `/.well-known/jwks.json` serves it: public halves only. */
export interface PublicKeySet {
  keys: PublicJwk[];
}

export interface PrivateKeySet {
  keys: PrivateJwk[];
}

/** A key set file could not be used; the message names the variable, never key material. */
export class KeySetError extends Error {
  override readonly name = 'KeySetError';
}

function readKeySetFile<T extends typeof publicJwk | typeof privateJwk>(
  path: string,
  variable: string,
  key: T,
  expected: string,
): { keys: z.output<T>[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KeySetError(
      `${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeySetError(`${variable}: ${path} is not JSON`);
  }
  const parsed = z.object({ keys: z.array(key).min(1) }).safeParse(json);
  if (!parsed.success) {
    throw new KeySetError(
      `${variable}: ${path} is not a JWK Set of ${expected} ${tokenAlgorithm} keys with a kid each`,
    );
  }
  const kids = parsed.data.keys.map((entry) => (entry as PublicJwk).kid);
  if (new Set(kids).size !== kids.length)
    throw new KeySetError(`${variable}: ${path} repeats a kid`);
  return parsed.data;
}

/** Reads a private JWK Set (the signer's), e.g. `TOKEN_SIGNING_KEYS_FILE`. */
export function readPrivateKeySet(path: string, variable: string): PrivateKeySet {
  return readKeySetFile(path, variable, privateJwk, 'private');
}

/** Reads a public JWK Set (a verifier's), e.g. `INTERNAL_JWKS_FILE`; private parts are dropped. */
export function readPublicKeySet(path: string, variable: string): PublicKeySet {
  return toPublicKeySet(readKeySetFile(path, variable, publicJwk, 'public'));
}

/** The public halves of a key set, as published. */
export function toPublicKeySet({ keys }: { keys: readonly PublicJwk[] }): PublicKeySet {
  return {
    keys: keys.map(({ kty, crv, kid, x, y }) => ({
      kty,
      crv,
      kid,
      x,
      y,
      alg: tokenAlgorithm,
      use: 'sig',
    })),
  };
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

/** The key that signs: the one named `kid`, else the first of the set. */
export async function signingKeyOf(
  set: PrivateKeySet,
  kid: string | undefined,
  variable: string,
): Promise<SigningKey> {
  const jwk = kid === undefined ? set.keys[0] : set.keys.find((entry) => entry.kid === kid);
  if (!jwk) throw new KeySetError(`${variable} has no key with kid "${kid}"`);
  const key = await importJWK(jwk as JWK, tokenAlgorithm);
  return { kid: jwk.kid, key: key as CryptoKey };
}

/** A fresh key pair as a one-key private set and its public set (`npm run keys`, `npm start`). */
export async function generateKeySet(
  kid: string,
): Promise<{ privateSet: PrivateKeySet; publicSet: PublicKeySet }> {
  const { privateKey } = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const jwk = privateJwk.parse({
    ...(await exportJWK(privateKey)),
    kid,
    alg: tokenAlgorithm,
    use: 'sig',
  });
  return { privateSet: { keys: [jwk] }, publicSet: toPublicKeySet({ keys: [jwk] }) };
}
