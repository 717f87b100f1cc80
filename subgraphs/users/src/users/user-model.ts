import { Schema, type Connection } from 'mongoose';
import { roles } from '@fedshop/auth';

const userSchema = new Schema(
  {
    // Stored normalised (see email.ts); the unique index makes duplicates impossible even
    // when two sign-ups race.
    email: { type: String, required: true, trim: true, lowercase: true },
    name: { type: String, required: true, trim: true },
    // argon2id PHC string; only `findCredentialsByEmail` ever reads it back.
    passwordHash: { type: String, required: true, select: false },
    role: { type: String, required: true, enum: roles, default: 'CUSTOMER' },
  },
  { collection: 'users', timestamps: true, versionKey: false },
);

userSchema.index({ email: 1 }, { unique: true, name: 'email_unique' });

export const userModelName = 'User';

const compile = (connection: Connection) => connection.model(userModelName, userSchema);

export type UserModel = ReturnType<typeof compile>;

/** The users model on the service's own connection (compiled once per connection). */
export function createUserModel(connection: Connection): UserModel {
  return (connection.models[userModelName] as UserModel | undefined) ?? compile(connection);
}
