import type { Document } from 'bson';
import { Binary } from 'bson';
import { canonicalKey } from '../bson/canonical-key.js';
import type { Store } from '../store/store.js';
import {
  deriveCredentials,
  deriveCredentialsSync,
  scramSha256,
  type ScramCredentials,
} from './scram-credentials.js';
import { userKey, type EmbeddedMongoUser } from './embedded-mongo-user.js';

/** Where `createUser` keeps its users, as mongod does; journaled with everything else. */
export const usersDb = 'admin';
export const usersCollection = 'system.users';

export interface KnownUser {
  readonly db: string;
  readonly username: string;
  readonly credentials: ScramCredentials;
  /** From the start options: not in the store, cannot be dropped. */
  readonly fixed: boolean;
}

/** The users of the start options, by {@link userKey}. */
export type FixedUsers = ReadonlyMap<string, KnownUser>;

/** Derives the keys of the start options' users (PBKDF2, off the event loop). */
export async function deriveFixedUsers(users: readonly EmbeddedMongoUser[]): Promise<FixedUsers> {
  const fixed = new Map<string, KnownUser>();
  for (const user of users) {
    const db = user.db ?? usersDb;
    const credentials = await deriveCredentials(user.password);
    fixed.set(userKey(db, user.username), {
      db,
      username: user.username,
      credentials,
      fixed: true,
    });
  }
  return fixed;
}

/**
 * Every user the server knows: those it was started with (kept in memory only) and
 * those made by `createUser` (documents in `admin.system.users`). `required` says
 * whether commands need an authenticated user; it is on exactly when the server was
 * started with users, as `mongod --auth`.
 */
export class UserDirectory {
  private constructor(
    private readonly store: Store,
    private readonly fixed: ReadonlyMap<string, KnownUser>,
    readonly required: boolean,
  ) {}

  /** A directory over `store` that requires authentication when `fixed` is given. */
  static of(store: Store, fixed: FixedUsers | undefined): UserDirectory {
    return new UserDirectory(store, fixed ?? new Map(), fixed !== undefined);
  }

  /** Users from `createUser` only; commands need no authentication. */
  static withoutAuthentication(store: Store): UserDirectory {
    return new UserDirectory(store, new Map(), false);
  }

  find(db: string, username: string): KnownUser | undefined {
    const key = userKey(db, username);
    const fixed = this.fixed.get(key);
    if (fixed) return fixed;
    const doc = this.store.getCollection(usersDb, usersCollection)?.getById(canonicalKey(key));
    return doc ? fromUserDocument(doc.exact) : undefined;
  }

  /** Adds a user to `admin.system.users`; false when one of that name exists. */
  add(db: string, username: string, password: string, roles: unknown[]): boolean {
    if (this.find(db, username)) return false;
    const c = deriveCredentialsSync(password);
    this.store.ensureCollection(usersDb, usersCollection).insert({
      _id: userKey(db, username),
      user: username,
      db,
      credentials: {
        [scramSha256]: {
          iterationCount: c.iterationCount,
          salt: c.salt.toString('base64'),
          storedKey: c.storedKey.toString('base64'),
          serverKey: c.serverKey.toString('base64'),
        },
      },
      roles,
    });
    return true;
  }

  /** Removes a user made by `createUser`. */
  remove(db: string, username: string): 'removed' | 'fixed' | 'missing' {
    if (this.fixed.has(userKey(db, username))) return 'fixed';
    const collection = this.store.getCollection(usersDb, usersCollection);
    const doc = collection?.getById(canonicalKey(userKey(db, username)));
    if (!collection || !doc) return 'missing';
    collection.remove(doc);
    return 'removed';
  }
}

/** A user document of mongod's shape; anything else (written there by hand) is ignored. */
function fromUserDocument(doc: Document): KnownUser | undefined {
  const scram = (doc.credentials as Document | undefined)?.[scramSha256] as Document | undefined;
  if (typeof doc.user !== 'string' || typeof doc.db !== 'string' || !scram) return undefined;
  const salt = bytes(scram.salt);
  const storedKey = bytes(scram.storedKey);
  const serverKey = bytes(scram.serverKey);
  const iterationCount = Number(scram.iterationCount);
  if (!salt || !storedKey || !serverKey || !(iterationCount >= 4096)) return undefined;
  return {
    db: doc.db,
    username: doc.user,
    credentials: { iterationCount, salt, storedKey, serverKey },
    fixed: false,
  };
}

function bytes(value: unknown): Buffer | undefined {
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  if (value instanceof Binary) return Buffer.from(value.buffer);
  return undefined;
}
