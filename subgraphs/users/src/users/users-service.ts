import type { Role } from '@fedshop/auth';
import { badUserInput, notFound, unauthenticated } from '@fedshop/errors';
import { canonicalId } from '@fedshop/subgraph-kit';
import type { AuthLimits, ClientIp } from '../limits/auth-limits.js';
import type { AuthResult, SessionService } from '../sessions/session-service.js';
import { DuplicateEmailError } from './duplicate-email-error.js';
import type { PasswordHasher } from './password-hasher.js';
import { validateSignUpInput, type SignUpInput } from './sign-up-rules.js';
import type { UserRepository } from './user-repository.js';
import type { UserRecord } from './user-record.js';

/** Finds users by id; the per-request DataLoader, so lookups of one request are batched. */
export interface UserLookup {
  load(id: string): Promise<UserRecord | null>;
}

export interface UsersService {
  /** Creates a CUSTOMER account and signs it in; limited per client address. */
  signUp(input: SignUpInput, clientIp: ClientIp): Promise<AuthResult>;
  /** Limited per client address, and failures per (email, address). */
  logIn(email: string, password: string, clientIp: ClientIp): Promise<AuthResult>;
  /** A user by id (any letter case); null when there is no such user. */
  userById(id: string): Promise<UserRecord | null>;
  /** A user by entity reference (any letter case); null when unknown or malformed. */
  findUser(id: string, users: UserLookup): Promise<UserRecord | null>;
  /** Gives a user another role and ends their sessions; NOT_FOUND for no such user. */
  setUserRole(id: string, role: Role): Promise<UserRecord>;
}

export interface UsersServiceOptions {
  repository: UserRepository;
  hasher: PasswordHasher;
  sessions: Pick<SessionService, 'start' | 'endAllOf'>;
  limits: AuthLimits;
}

/** One message for unknown email and wrong password, so log-in does not reveal who has an account. */
export const invalidCredentialsMessage = 'Invalid email or password';

export function createUsersService({
  repository,
  hasher,
  sessions,
  limits,
}: UsersServiceOptions): UsersService {
  const signIn = (user: UserRecord): Promise<AuthResult> => sessions.start(user);

  return {
    async signUp(input, clientIp) {
      // Counted before anything else: each sign-up costs a password hash.
      await limits.attempt(clientIp);
      const valid = validateSignUpInput(input);
      const passwordHash = await hasher.hash(valid.password);
      try {
        // No "does it exist?" read first: the unique index is the one authority, also
        // when two sign-ups for the same address race.
        const user = await repository.create({
          email: valid.email,
          name: valid.name,
          role: 'CUSTOMER',
          passwordHash,
        });
        return await signIn(user);
      } catch (error) {
        if (error instanceof DuplicateEmailError) {
          throw badUserInput('email', 'An account with this email already exists');
        }
        throw error;
      }
    },

    async logIn(email, password, clientIp) {
      await limits.attempt(clientIp);
      const attempt = await limits.logInAttempt(email, clientIp);
      const credentials = await repository.findCredentialsByEmail(email);
      const valid = credentials
        ? await hasher.verify(credentials.passwordHash, password)
        : await hasher.verifyNothing(password);
      if (!credentials || !valid) throw unauthenticated(invalidCredentialsMessage);
      await attempt.succeeded();
      return signIn(credentials.user);
    },

    // Who may ask is the schema's `@auth` rule (see access-policies.ts), checked first.
    userById: (id) => repository.findById(canonicalId(id) ?? id),

    async setUserRole(id, role) {
      const user = await repository.setRole(canonicalId(id) ?? id, role);
      if (!user) throw notFound('User', id);
      // After the role is written: a refresh racing with this either reads the new role or
      // belongs to a session ended here, so the old role lasts one access token at most.
      await sessions.endAllOf(user.id);
      return user;
    },

    async findUser(id, users) {
      // The id of an entity representation is untyped client JSON (`_Any`).
      if (typeof id !== 'string') throw badUserInput('id', 'A user id must be a string');
      // The loader matches ids as the repository returns them: lower-case hex.
      const userId = canonicalId(id);
      return userId ? users.load(userId) : null;
    },
  };
}
