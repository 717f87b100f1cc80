import { createTokenService } from '@fedshop/auth';
import { createEntityLoader, defineSubgraph } from '@fedshop/subgraph-kit';
import { usersPolicies } from './access-policies.js';
import type { UsersConfig } from './config.js';
import { resolvers } from './resolvers.js';
import { createPasswordHasher } from './users/password-hasher.js';
import { seedAdmin } from './users/seed-admin.js';
import { createUserRepository, type UserRepository } from './users/user-repository.js';
import { createUsersService } from './users/users-service.js';

export interface UsersRepositories {
  users: UserRepository;
}

/** The users subgraph: accounts, log-in and token issuance. */
export const usersSubgraph = defineSubgraph({
  name: 'users',
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  policies: usersPolicies,
  createRepositories: async (connection): Promise<UsersRepositories> => ({
    users: await createUserRepository(connection),
  }),
  createServices: ({ users }: UsersRepositories, config: UsersConfig) => ({
    users: createUsersService({
      repository: users,
      hasher: createPasswordHasher(),
      tokens: createTokenService({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn }),
    }),
  }),
  createLoaders: ({ users }: UsersRepositories) => ({
    userById: createEntityLoader(
      (ids) => users.findByIds(ids),
      (user) => user.id,
    ),
  }),
  // Accounts that signed up or logged in during this request: the caller carries no
  // identity yet, but is that user, so the returned `AuthPayload.user` shows its email.
  createRequestState: () => ({ signedInUserIds: new Set<string>() }),
  seedOnStart: async ({ users }, config, logger) => {
    if (config.seedAdmin && !(await users.hasAny())) {
      await seedAdmin({ repository: users, ...config.seedAdmin, logger });
    }
  },
});
