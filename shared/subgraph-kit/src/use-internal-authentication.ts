import type { Request, RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { AppError, boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import type { InternalIdentity, InternalTokenVerifier } from '@fedshop/auth';

const identities = new WeakMap<Request, InternalIdentity>();

/**
 * Refuses, with 401 and before anything is parsed or resolved, every `/graphql` request
 * that does not carry a valid internal token from the gateway for this subgraph
 * (`_service` and `_entities` included). No header means anything on its own.
 */
export function useInternalAuthentication(verify: InternalTokenVerifier): RequestHandler {
  return (req, res, next) => {
    const [scheme = '', token = ''] = (req.headers.authorization ?? '').trim().split(/\s+/, 2);
    if (scheme.toLowerCase() !== 'bearer' || token === '') {
      sendBoundaryError(
        res,
        unauthenticated('This service accepts requests from the gateway only'),
      );
      return;
    }
    verify(token).then(
      (identity) => {
        identities.set(req, identity);
        next();
      },
      (error: unknown) => {
        if (error instanceof AppError) sendBoundaryError(res, unauthenticated(error.message));
        else next(error);
      },
    );
  };
}

/** Who the verified internal token says the request is for. */
export function internalIdentityOf(req: Request): InternalIdentity {
  const identity = identities.get(req);
  if (!identity) throw new Error('useInternalAuthentication must run before internalIdentityOf');
  return identity;
}

function unauthenticated(message: string): GraphQLError {
  return boundaryError({ code: ErrorCode.UNAUTHENTICATED, message, status: 401 });
}
