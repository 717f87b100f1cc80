import type { AccessTokenIssuer, Viewer } from '@fedshop/auth';
import { unauthenticated } from '@fedshop/errors';
import type { AuthLimits, ClientIp } from '../limits/auth-limits.js';
import type { UserRepository } from '../users/user-repository.js';
import type { UserRecord } from '../users/user-record.js';
import {
  formatRefreshToken,
  hashSecret,
  newFamilyId,
  newSecret,
  parseRefreshToken,
} from './refresh-token.js';
import type { SessionRepository } from './session-repository.js';

/** `REFRESH_TOKEN_TTL`'s default, in the time-span syntax of `ACCESS_TOKEN_TTL`. */
export const defaultRefreshTokenTtl = '30d';

/** What signing up, logging in and refreshing answer (`AuthPayload`). */
export interface AuthResult {
  /** The access token. */
  token: string;
  refreshToken: string;
  /** When the access token expires. */
  expiresAt: Date;
  user: UserRecord;
}

export interface SessionService {
  /** A new session for a user who just proved who they are. */
  start(user: UserRecord): Promise<AuthResult>;
  /** The next access and refresh token of a session, with the account's current role; limited per client address. */
  refresh(refreshToken: string, clientIp: ClientIp): Promise<AuthResult>;
  /** Ends one of the caller's own sessions. */
  logOut(viewer: Viewer, refreshToken: string): Promise<true>;
  /** Ends every session of a user (their role changed). */
  endAllOf(userId: string): Promise<void>;
}

export interface SessionServiceOptions {
  repository: SessionRepository;
  users: Pick<UserRepository, 'findById'>;
  issueAccessToken: AccessTokenIssuer;
  limits: Pick<AuthLimits, 'attempt'>;
  /** `REFRESH_TOKEN_TTL`, in seconds. */
  refreshTokenTtlSeconds: number;
  /** @defaultValue the system clock */
  now?: () => Date;
}

/**
 * One message for every refresh token that does not refresh (garbage, unknown, spent,
 * expired, revoked, another user's), so an answer says nothing about which it was.
 */
export const invalidRefreshTokenMessage = 'The refresh token is invalid or has expired';

const invalid = () => unauthenticated(invalidRefreshTokenMessage);

/**
 * Sessions with rotating refresh tokens. Each refresh swaps the session's secret in one
 * conditional update; presenting any other secret of a live session (a spent token: the
 * family id is random, so only a holder of one of its tokens knows it) revokes the whole
 * session, the thief's copy and the owner's alike. Of two refreshes racing with one token,
 * the loser is that case too.
 */
export function createSessionService({
  repository,
  users,
  issueAccessToken,
  limits,
  refreshTokenTtlSeconds,
  now = () => new Date(),
}: SessionServiceOptions): SessionService {
  const refreshExpiry = (from: Date) => new Date(from.getTime() + refreshTokenTtlSeconds * 1000);

  const answer = async (user: UserRecord, familyId: string, secret: string) => {
    const access = await issueAccessToken({ userId: user.id, role: user.role });
    return {
      token: access.token,
      refreshToken: formatRefreshToken({ familyId, secret }),
      expiresAt: access.expiresAt,
      user,
    };
  };

  return {
    async start(user) {
      const familyId = newFamilyId();
      const secret = newSecret();
      await repository.create({
        familyId,
        userId: user.id,
        currentHash: hashSecret(secret),
        expiresAt: refreshExpiry(now()),
      });
      return answer(user, familyId, secret);
    },

    async refresh(refreshToken, clientIp) {
      await limits.attempt(clientIp);
      const presented = parseRefreshToken(refreshToken);
      if (!presented) throw invalid();
      const at = now();
      const secret = newSecret();
      const rotated = await repository.rotate({
        familyId: presented.familyId,
        presentedHash: hashSecret(presented.secret),
        nextHash: hashSecret(secret),
        now: at,
        nextExpiresAt: refreshExpiry(at),
      });
      if (!rotated) {
        await repository.revoke(presented.familyId, at);
        throw invalid();
      }
      // The role is read now, not carried in the session: a role change shows at the
      // next refresh (and setUserRole ends the sessions anyway).
      const user = await users.findById(rotated.userId);
      if (!user) {
        await repository.revoke(presented.familyId, at);
        throw invalid();
      }
      return answer(user, presented.familyId, secret);
    },

    async logOut(viewer, refreshToken) {
      const presented = parseRefreshToken(refreshToken);
      // Only the caller's own live session: another user's token answers like garbage.
      const ended =
        presented !== null &&
        (await repository.revokeOwn(presented.familyId, viewer.userId, now()));
      if (!ended) throw invalid();
      return true;
    },

    async endAllOf(userId) {
      await repository.revokeAllOf(userId, now());
    },
  };
}
