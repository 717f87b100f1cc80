export { roles, isRole, type Role, type Viewer } from './viewer.js';
export {
  generateKeySet,
  KeySetError,
  readPrivateKeySet,
  readPublicKeySet,
  signingKeyOf,
  toPublicKeySet,
  tokenAlgorithm,
  type PrivateJwk,
  type PrivateKeySet,
  type PublicJwk,
  type PublicKeySet,
  type SigningKey,
} from './key-set.js';
export {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  defaultAccessTokenLifetime,
  defaultAudience,
  defaultClockSkewSeconds,
  defaultIssuer,
  type AccessToken,
  type AccessTokenIssuer,
  type AccessTokenIssuerOptions,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
} from './token-service.js';
export {
  createInternalTokenSigner,
  createInternalTokenVerifier,
  internalTokenIssuer,
  internalTokenLifetimeSeconds,
  serviceRole,
  type InternalIdentity,
  type InternalTokenClaims,
  type InternalTokenSigner,
  type InternalTokenVerifier,
  type InternalTokenVerifierOptions,
} from './internal-token.js';
export { isSelfOrAdmin } from './access-policy.js';
