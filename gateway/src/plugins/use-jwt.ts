import { GraphQLError } from 'graphql';
import { createTokenService, type TokenService, type Viewer } from '@fedshop/auth';
import { AppError, ErrorCode } from '@fedshop/errors';

export interface UseJwtOptions {
  /** The HS256 secret shared with the users service (`JWT_SECRET`). */
  secret: string;
  /** @defaultValue `defaultAuthorizationScheme` */
  scheme?: string;
}

export const defaultAuthorizationScheme = 'Bearer';

export interface JwtAuthentication {
  /**
   * The viewer for an `Authorization` header value: null when absent or empty (anonymous),
   * else the verified viewer. A present but unusable token rejects with an HTTP 401
   * UNAUTHENTICATED GraphQLError whose message never contains the token.
   */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
}

/** Verifies the caller's JWT once, at the edge; subgraphs receive claims, never the token. */
export function useJwt({
  secret,
  scheme = defaultAuthorizationScheme,
}: UseJwtOptions): JwtAuthentication {
  const tokens: TokenService = createTokenService({ secret });
  const expectedScheme = scheme.toLowerCase();
  return {
    async authenticate(authorization) {
      // No header (or an empty one) is an anonymous caller; resolvers decide what they may see.
      if (authorization === undefined || authorization.trim() === '') return null;
      // HTTP trims trailing spaces, so "Bearer " arrives as "Bearer": a scheme with no token.
      const [presentedScheme = '', ...rest] = authorization.trim().split(/\s+/);
      if (presentedScheme.toLowerCase() !== expectedScheme) {
        throw unauthenticated(`The Authorization header must be "${scheme} <token>"`);
      }
      const token = rest.join(' ');
      if (token.length === 0) throw unauthenticated('The token is missing');
      try {
        return await tokens.verify(token);
      } catch (error) {
        if (error instanceof AppError) throw unauthenticated(error.message);
        throw error;
      }
    },
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}
