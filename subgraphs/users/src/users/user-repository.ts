import type { Connection, Types } from 'mongoose';
import type { Role } from '@fedshop/auth';
import { isDuplicateKeyError, parseObjectId } from '@fedshop/subgraph-kit';
import { DuplicateEmailError } from './duplicate-email-error.js';
import { normaliseEmail } from './email.js';
import { createUserModel, type UserModel } from './user-model.js';
import type { UserRecord } from './user-record.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface UserCredentials {
  user: UserRecord;
  passwordHash: string;
}

export interface UserRepository {
  /** Throws DuplicateEmailError when the (normalised) email already has an account. */
  create(user: NewUser): Promise<UserRecord>;
  /** Null for an unknown id, and for one that cannot be an id at all. */
  findById(id: string): Promise<UserRecord | null>;
  /** One `$in` query; unknown and malformed ids are simply absent from the result. */
  findByIds(ids: readonly string[]): Promise<UserRecord[]>;
  /** The only read that returns the password hash: for verifying a log-in. */
  findCredentialsByEmail(email: string): Promise<UserCredentials | null>;
  existsByEmail(email: string): Promise<boolean>;
  /** The user with their new role; null for an unknown or malformed id. */
  setRole(id: string, role: Role): Promise<UserRecord | null>;
  /** Whether the collection holds any user (start-up seeds an empty one). */
  hasAny(): Promise<boolean>;
}

const publicFields = { email: 1, name: 1, role: 1, createdAt: 1 } as const;

interface LeanUser {
  _id: Types.ObjectId;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

/** Users in MongoDB, as plain objects. Builds the unique email index before first use. */
export async function createUserRepository(connection: Connection): Promise<UserRepository> {
  const model = createUserModel(connection);
  await model.init();
  return mongooseUserRepository(model);
}

function mongooseUserRepository(model: UserModel): UserRepository {
  return {
    async create(user) {
      try {
        const created = await model.create({ ...user, email: normaliseEmail(user.email) });
        return toRecord(created.toObject() as LeanUser);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new DuplicateEmailError();
        throw error;
      }
    },

    async findById(id) {
      const objectId = parseObjectId(id);
      if (!objectId) return null;
      const found = await model.findById(objectId, publicFields).lean<LeanUser>();
      return found ? toRecord(found) : null;
    },

    async findByIds(ids) {
      const objectIds = ids.map(parseObjectId).filter((id) => id !== null);
      if (objectIds.length === 0) return [];
      const found = await model.find({ _id: { $in: objectIds } }, publicFields).lean<LeanUser[]>();
      return found.map(toRecord);
    },

    async findCredentialsByEmail(email) {
      const found = await model
        .findOne({ email: normaliseEmail(email) }, { ...publicFields, passwordHash: 1 })
        .lean<LeanUser & { passwordHash: string }>();
      return found ? { user: toRecord(found), passwordHash: found.passwordHash } : null;
    },

    async existsByEmail(email) {
      const found = await model.exists({ email: normaliseEmail(email) });
      return found !== null;
    },

    async setRole(id, role) {
      const objectId = parseObjectId(id);
      if (!objectId) return null;
      const found = await model
        .findByIdAndUpdate(
          objectId,
          { $set: { role } },
          { returnDocument: 'after', projection: publicFields, runValidators: true },
        )
        .lean<LeanUser>();
      return found ? toRecord(found) : null;
    },

    async hasAny() {
      return (await model.exists({})) !== null;
    },
  };
}

function toRecord(user: LeanUser): UserRecord {
  return {
    id: user._id.toHexString(),
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt,
  };
}
