export { roles, isRole, type Role, type Viewer } from './viewer.js';
export {
  createTokenService,
  defaultAudience,
  defaultIssuer,
  defaultTokenLifetime,
  type TokenService,
  type TokenServiceOptions,
} from './token-service.js';
export { identityHeaders, viewerFromHeaders, viewerToHeaders } from './identity-headers.js';
export { isSelfOrAdmin } from './access-policy.js';
