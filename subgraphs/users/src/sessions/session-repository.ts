import type { Connection } from 'mongoose';
import { createSessionModel, type SessionModel } from './session-model.js';

export interface NewSession {
  familyId: string;
  userId: string;
  currentHash: string;
  expiresAt: Date;
}

export interface Rotation {
  familyId: string;
  /** The hash of the secret presented. */
  presentedHash: string;
  /** The hash of the secret that replaces it. */
  nextHash: string;
  now: Date;
  nextExpiresAt: Date;
}

export interface SessionRepository {
  create(session: NewSession): Promise<void>;
  /**
   * Moves a live session (not revoked, not expired) whose current secret is the one
   * presented on to the next secret, in one conditional update: of two refreshes with
   * the same token exactly one matches. The session's user, or null when nothing matched.
   */
  rotate(rotation: Rotation): Promise<{ userId: string } | null>;
  /** Revokes one session, whoever it belongs to (a spent token was presented). */
  revoke(familyId: string, now: Date): Promise<void>;
  /** Revokes one live session of this user; false when they have no such live session. */
  revokeOwn(familyId: string, userId: string, now: Date): Promise<boolean>;
  /** Revokes every session of a user; how many were live. */
  revokeAllOf(userId: string, now: Date): Promise<number>;
  /** Deletes sessions whose refresh token has expired; how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** Sessions in MongoDB. Builds the indexes (the TTL one included) before first use. */
export async function createSessionRepository(connection: Connection): Promise<SessionRepository> {
  const model = createSessionModel(connection);
  await model.init();
  return mongooseSessionRepository(model);
}

function mongooseSessionRepository(model: SessionModel): SessionRepository {
  // Every argument reaching a filter is a string or a Date built here, so no client value
  // can become a query operator.
  const live = (now: Date) => ({ revokedAt: null, expiresAt: { $gt: now } });

  return {
    async create({ familyId, ...session }) {
      await model.create({ _id: familyId, ...session });
    },

    async rotate({ familyId, presentedHash, nextHash, now, nextExpiresAt }) {
      const found = await model
        .findOneAndUpdate(
          { _id: familyId, currentHash: presentedHash, ...live(now) },
          { $set: { currentHash: nextHash, expiresAt: nextExpiresAt } },
          { projection: { userId: 1 } },
        )
        .lean<{ userId: string }>();
      return found ? { userId: found.userId } : null;
    },

    async revoke(familyId, now) {
      await model.updateOne({ _id: familyId, revokedAt: null }, { $set: { revokedAt: now } });
    },

    async revokeOwn(familyId, userId, now) {
      const result = await model.updateOne(
        { _id: familyId, userId, ...live(now) },
        { $set: { revokedAt: now } },
      );
      return result.modifiedCount === 1;
    },

    async revokeAllOf(userId, now) {
      const result = await model.updateMany(
        { userId, revokedAt: null },
        { $set: { revokedAt: now } },
      );
      return result.modifiedCount;
    },

    async deleteExpired(now) {
      const result = await model.deleteMany({ expiresAt: { $lte: now } });
      return result.deletedCount;
    },
  };
}
