import type { Connection } from 'mongoose';
import type { Logger } from '@fedshop/logger';
import { DuplicateEmailError } from './duplicate-email-error.js';
import { createPasswordHasher, type PasswordHasher } from './password-hasher.js';
import { createUserRepository, type UserRepository } from './user-repository.js';

export type SeedAdminOptions = (
  | { connection: Connection; repository?: never }
  | { repository: UserRepository; connection?: never }
) & {
  email: string;
  password: string;
  logger: Logger;
  /** @defaultValue argon2id with the service's default parameters */
  hasher?: PasswordHasher;
};

export interface SeedAdminResult {
  /** False when an account with this email already existed (it is left untouched). */
  created: boolean;
}

/** Creates the first ADMIN account. Idempotent: an existing email is left as it is. */
export async function seedAdmin(options: SeedAdminOptions): Promise<SeedAdminResult> {
  const { email, password, logger } = options;
  const repository = options.repository ?? (await createUserRepository(options.connection));
  if (await repository.existsByEmail(email)) {
    logger.info('admin account already exists; not seeding');
    return { created: false };
  }
  const hasher = options.hasher ?? createPasswordHasher();
  try {
    const admin = await repository.create({
      email,
      name: 'Administrator',
      role: 'ADMIN',
      passwordHash: await hasher.hash(password),
    });
    logger.info({ userId: admin.id }, 'seeded the admin account');
    return { created: true };
  } catch (error) {
    // Another instance seeded it between our check and our insert.
    if (error instanceof DuplicateEmailError) return { created: false };
    throw error;
  }
}
