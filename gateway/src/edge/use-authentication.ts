import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import type { AccessTokenVerifier, Viewer } from '@fedshop/auth';
import { AppError, boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import { requestIdOf } from '@fedshop/service-kit';
import { callerKey, clientAddress, type TrustedProxies } from '../budget/caller-key.js';
import { setEdgeState } from './edge-state.js';

export interface UseAuthenticationOptions {
  /** Verifies access tokens against the users service's published keys. */
  verify: AccessTokenVerifier;
  /** Whose `X-Forwarded-For` counts when resolving the client IP (`TRUSTED_PROXIES`). */
  proxies: TrustedProxies;
  /** @defaultValue `defaultAuthorizationScheme` */
  scheme?: string;
}

export const defaultAuthorizationScheme = 'Bearer';

/**
 * Verifies the caller's token once, at the edge, and records the caller in the edge state;
 * subgraphs receive claims in an internal token, never the client's token. No header (or
 * an empty one) is an anonymous caller. A presented but unusable token is answered 401
 * UNAUTHENTICATED here, before any later step, with a message that never contains the token.
 */
export function useAuthentication({
  verify,
  proxies,
  scheme = defaultAuthorizationScheme,
}: UseAuthenticationOptions): RequestHandler {
  const viewerFor = (authorization: string | undefined) =>
    viewerFromAuthorization(authorization, verify, scheme);

  return (req, res, next) => {
    viewerFor(req.headers.authorization).then(
      (viewer) => {
        const clientIp = clientAddress(req, proxies);
        setEdgeState(req, {
          requestId: requestIdOf(req),
          viewer,
          clientIp,
          callerKey: callerKey(viewer, clientIp),
        });
        next();
      },
      (error: unknown) => {
        if (error instanceof GraphQLError) sendBoundaryError(res, error);
        else next(error);
      },
    );
  };
}

/**
 * The caller an `Authorization` header names: null when there is none (or it is empty), else
 * the verified viewer of its `<scheme> <token>`; a 401 boundary error that never contains the
 * token when it is malformed or the token unusable. The queue dashboard uses it too.
 */
export async function viewerFromAuthorization(
  authorization: string | undefined,
  verify: AccessTokenVerifier,
  scheme: string = defaultAuthorizationScheme,
): Promise<Viewer | null> {
  if (authorization === undefined || authorization.trim() === '') return null;
  // HTTP trims trailing spaces, so "Bearer " arrives as "Bearer": a scheme with no token.
  const [presentedScheme = '', ...rest] = authorization.trim().split(/\s+/);
  if (presentedScheme.toLowerCase() !== scheme.toLowerCase()) {
    throw unauthenticated(`The Authorization header must be "${scheme} <token>"`);
  }
  const token = rest.join(' ');
  if (token.length === 0) throw unauthenticated('The token is missing');
  try {
    return await verify(token);
  } catch (error) {
    if (error instanceof AppError) throw unauthenticated(error.message);
    throw error;
  }
}

function unauthenticated(message: string): GraphQLError {
  return boundaryError({ code: ErrorCode.UNAUTHENTICATED, message, status: 401 });
}
