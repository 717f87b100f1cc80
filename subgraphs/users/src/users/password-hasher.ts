import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the same work as `verify` and returns false: used when no account matches an
   * email, so response time does not tell which emails have accounts.
   */
  verifyNothing(password: string): Promise<false>;
}

// `Algorithm` is a const enum, which isolated modules cannot read: 2 is Argon2id.
const argon2id = 2 as Algorithm.Argon2id;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const defaultHashOptions: Options = {
  algorithm: argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function createPasswordHasher(options: Options = defaultHashOptions): PasswordHasher {
  // Same parameters as real hashes, so checking against it costs the same. Made up front so
  // even the first unknown-email log-in is not slower (or faster) than a real one.
  const dummyHash = hash(randomBytes(32).toString('base64url'), options);
  dummyHash.catch(() => {}); // awaited (and its failure seen) in verifyNothing
  return {
    hash: (password) => hash(password, options),
    verify: async (passwordHash, password) => {
      try {
        return await verify(passwordHash, password);
      } catch {
        // A corrupt stored hash is a failed log-in, not a crash.
        return false;
      }
    },
    async verifyNothing(password) {
      await verify(await dummyHash, password);
      return false;
    },
  };
}
