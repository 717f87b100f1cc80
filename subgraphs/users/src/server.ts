import type { Connection } from 'mongoose';
import { createTokenService } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';
import {
  createEntityLoader,
  createSubgraphApp,
  databaseReadiness,
  loadTypeDefs,
  type SubgraphApp,
} from '@fedshop/subgraph-kit';
import type { UsersConfig } from './config.js';
import type { UsersContext } from './context.js';
import { resolvers } from './resolvers.js';
import { createPasswordHasher, type PasswordHasher } from './users/password-hasher.js';
import { createUserRepository, type UserRepository } from './users/user-repository.js';
import { createUsersService } from './users/users-service.js';

export const usersServiceName = 'users';

export interface UsersAppOptions {
  /** The service's own database; `/readyz` pings it. */
  connection: Connection;
  config: Pick<UsersConfig, 'production' | 'jwtSecret' | 'jwtExpiresIn'>;
  logger: Logger;
  /** @defaultValue the MongoDB repository on `connection` */
  repository?: UserRepository;
  /** @defaultValue argon2id with `defaultHashOptions` */
  hasher?: PasswordHasher;
}

/** The users subgraph as an HTTP app; listens on nothing (see start.ts). */
export async function createUsersApp(options: UsersAppOptions): Promise<SubgraphApp<UsersContext>> {
  const { connection, config, logger } = options;
  const repository = options.repository ?? (await createUserRepository(connection));
  const users = createUsersService({
    repository,
    hasher: options.hasher ?? createPasswordHasher(),
    tokens: createTokenService({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn }),
  });
  return createSubgraphApp<UsersContext>({
    service: usersServiceName,
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    logger,
    production: config.production,
    readiness: [databaseReadiness(connection)],
    buildContext: (base) => ({
      ...base,
      users,
      loaders: {
        userById: createEntityLoader(
          (ids) => repository.findByIds(ids),
          (user) => user.id,
        ),
      },
      signedInUserIds: new Set(),
    }),
  });
}
