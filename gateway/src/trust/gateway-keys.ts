import {
  createAccessTokenVerifier,
  createInternalTokenSigner,
  readPrivateKeySet,
  readPublicKeySet,
  signingKeyOf,
  toPublicKeySet,
  type AccessTokenVerifier,
  type InternalTokenSigner,
  type PublicKeySet,
  type SigningKey,
} from '@fedshop/auth';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { GatewayConfig } from '../config.js';
import { rememberVerifiedTokens } from './remembered-tokens.js';

/** How long an unknown `kid` waits before the users' key set is fetched again. */
export const jwksCooldownMs = 30_000;
/** How long a fetched key set is used before it is fetched again. */
export const jwksCacheMaxAgeMs = 10 * 60_000;

export interface GatewayKeys {
  verifyAccessToken: AccessTokenVerifier;
  signInternal: InternalTokenSigner;
  /** The client-token public keys, re-served at the gateway's `/.well-known/jwks.json`. */
  publicKeys(): Promise<PublicKeySet>;
  /** The gateway's own key pair (the internal one): it also signs queue-dashboard sessions. */
  own: { signingKey: SigningKey; publicKeys: PublicKeySet };
}

/**
 * The gateway's two trust relations: client tokens verified from the users service's keys
 * (`JWKS_URL`, fetched lazily, so nothing is fetched at start-up, or `JWKS_FILE`), and
 * internal tokens signed with the gateway's own key (`INTERNAL_SIGNING_KEYS_FILE`).
 */
export async function loadGatewayKeys(config: GatewayConfig): Promise<GatewayKeys> {
  const ownSet = readPrivateKeySet(config.internalSigningKeysFile, 'INTERNAL_SIGNING_KEYS_FILE');
  const signingKey = await signingKeyOf(
    ownSet,
    config.internalSigningKid,
    'INTERNAL_SIGNING_KEYS_FILE',
  );
  const own = { signingKey, publicKeys: toPublicKeySet(ownSet) };
  const verifierOptions = { clockSkewSeconds: config.clockSkewSeconds };
  const signInternal = createInternalTokenSigner(signingKey);
  const { file, url } = config.clientTokenKeys;
  if (file !== undefined) {
    const keys = readPublicKeySet(file, 'JWKS_FILE');
    return {
      verifyAccessToken: rememberVerifiedTokens(
        createAccessTokenVerifier({ keys: createLocalJWKSet(keys), ...verifierOptions }),
      ),
      signInternal,
      publicKeys: async () => keys,
      own,
    };
  }
  const remote = createRemoteJWKSet(new URL(url!), {
    cooldownDuration: jwksCooldownMs,
    cacheMaxAge: jwksCacheMaxAgeMs,
  });
  return {
    verifyAccessToken: rememberVerifiedTokens(
      createAccessTokenVerifier({ keys: remote, ...verifierOptions }),
    ),
    signInternal,
    publicKeys: async () => {
      if (!remote.jwks()) await remote.reload();
      return (remote.jwks() as PublicKeySet | undefined) ?? { keys: [] };
    },
    own,
  };
}
