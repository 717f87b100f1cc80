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
  // One line per run, shaped like the products service's 'demo products seeded'.
  const seeded = (created: boolean): SeedAdminResult => {
    logger.info({ created }, 'admin account seeded');
    return { created };
  };
  const repository = options.repository ?? (await createUserRepository(options.connection));
  if (await repository.existsByEmail(email)) return seeded(false);
  const hasher = options.hasher ?? createPasswordHasher();
  try {
    await repository.create({
      email,
      name: 'Administrator',
      role: 'ADMIN',
      passwordHash: await hasher.hash(password),
    });
    return seeded(true);
  } catch (error) {
    // Another instance seeded it between our check and our insert.
    if (error instanceof DuplicateEmailError) return seeded(false);
    throw error;
  }
}
