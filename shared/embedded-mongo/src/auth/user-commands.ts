import type { Document } from 'bson';
import { MongoCommandError } from '../errors/mongo-error.js';
import { isValidDbName } from './embedded-mongo-user.js';
import { prepPassword, scramSha256 } from './scram-credentials.js';
import type { UserDirectory } from './user-directory.js';

/** `createUser` on `db`: `{ createUser, pwd, roles, mechanisms? }`. Roles are kept, not enforced. */
export function createUser(command: Document, db: string, users: UserDirectory): Document {
  const username: unknown = command.createUser;
  if (typeof username !== 'string' || username === '') {
    throw MongoCommandError.of('BadValue', 'User name must be a non-empty string');
  }
  if (db === '$external' || !isValidDbName(db)) {
    throw MongoCommandError.of('BadValue', `Cannot create users in the database '${db}'`);
  }
  if (typeof command.pwd !== 'string' || command.pwd === '') {
    throw MongoCommandError.of(
      'BadValue',
      "Must provide a 'pwd' field for all user documents, except those with '$external' as the user's source db",
    );
  }
  if (!Array.isArray(command.roles)) {
    throw MongoCommandError.of('BadValue', '"createUser" command requires a "roles" array');
  }
  const mechanisms: unknown = command.mechanisms;
  if (
    mechanisms !== undefined &&
    !(
      Array.isArray(mechanisms) &&
      mechanisms.length > 0 &&
      mechanisms.every((m) => m === scramSha256)
    )
  ) {
    throw MongoCommandError.of('BadValue', `Only ${scramSha256} is supported by this server`);
  }
  try {
    prepPassword(command.pwd);
  } catch (error) {
    throw MongoCommandError.of('BadValue', (error as Error).message);
  }
  if (!users.add(db, username, command.pwd, command.roles as unknown[])) {
    throw MongoCommandError.of('Location51003', `User "${username}@${db}" already exists`);
  }
  return { ok: 1 };
}

/** `dropUser` on `db`: `{ dropUser }`. Users of the start options cannot be dropped. */
export function dropUser(command: Document, db: string, users: UserDirectory): Document {
  const username: unknown = command.dropUser;
  if (typeof username !== 'string' || username === '') {
    throw MongoCommandError.of('BadValue', 'User name must be a non-empty string');
  }
  const outcome = users.remove(db, username);
  if (outcome === 'missing') {
    throw MongoCommandError.of('UserNotFound', `User '${username}@${db}' not found`);
  }
  if (outcome === 'fixed') {
    throw MongoCommandError.of(
      'IllegalOperation',
      `User '${username}@${db}' comes from the server's start options and cannot be dropped`,
    );
  }
  return { ok: 1 };
}
