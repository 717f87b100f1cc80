import { Schema, type Connection } from 'mongoose';

/**
 * One document per session (refresh-token family). `currentHash` is the hash of the only
 * secret that refreshes it; rotation replaces it in one conditional update.
 */
const sessionSchema = new Schema(
  {
    // The family id: random, so it is the key itself.
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    currentHash: { type: String, required: true },
    // Of the current refresh token; every rotation moves it forward.
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', timestamps: true, versionKey: false },
);

// Real MongoDB deletes expired sessions itself; the embedded store accepts the index and
// ignores it, and the service's sweeper (SESSION_SWEEP_MS) deletes them there too.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });
// setUserRole ends all of one user's sessions.
sessionSchema.index({ userId: 1 }, { name: 'user_sessions' });

export const sessionModelName = 'Session';

const compile = (connection: Connection) => connection.model(sessionModelName, sessionSchema);

export type SessionModel = ReturnType<typeof compile>;

/** The sessions model on the service's own connection (compiled once per connection). */
export function createSessionModel(connection: Connection): SessionModel {
  return (connection.models[sessionModelName] as SessionModel | undefined) ?? compile(connection);
}
