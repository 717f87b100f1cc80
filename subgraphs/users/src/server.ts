import {
  createAccessTokenIssuer,
  readPrivateKeySet,
  signingKeyOf,
  toPublicKeySet,
} from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';
import { createFailFastRedis, settleConnection } from '@fedshop/rate-limits';
import { createEntityLoader, defineSubgraph } from '@fedshop/subgraph-kit';
import { usersPolicies } from './access-policies.js';
import type { UsersConfig } from './config.js';
import type { UsersServices } from './context.js';
import { authLimitRedisTimeoutMs, createAuthLimits } from './limits/auth-limits.js';
import { combineBackground } from './background.js';
import {
  createNotificationRepository,
  type NotificationRepository,
} from './notifications/notification-repository.js';
import { startNotificationWorker } from './notifications/start-notification-worker.js';
import { resolvers } from './resolvers.js';
import { createSessionRepository, type SessionRepository } from './sessions/session-repository.js';
import { createSessionService } from './sessions/session-service.js';
import { startSessionSweeper } from './sessions/session-sweeper.js';
import { createPasswordHasher } from './users/password-hasher.js';
import { seedAdmin } from './users/seed-admin.js';
import { createUserRepository, type UserRepository } from './users/user-repository.js';
import { createUsersService } from './users/users-service.js';

export interface UsersRepositories {
  users: UserRepository;
  sessions: SessionRepository;
  notifications: NotificationRepository;
}

/** The users subgraph: accounts, log-in and token issuance. */
export const usersSubgraph = defineSubgraph({
  name: 'users',
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  policies: usersPolicies,
  createRepositories: async (connection): Promise<UsersRepositories> => ({
    users: await createUserRepository(connection),
    sessions: await createSessionRepository(connection),
    notifications: await createNotificationRepository(connection),
  }),
  createServices: async (
    { users, sessions }: UsersRepositories,
    config: UsersConfig,
    logger: Logger,
  ): Promise<UsersServices> => {
    const keys = readPrivateKeySet(config.tokenSigningKeysFile, 'TOKEN_SIGNING_KEYS_FILE');
    const signingKey = await signingKeyOf(keys, config.tokenSigningKid, 'TOKEN_SIGNING_KEYS_FILE');
    // Fails fast (never queues): while Redis is away the limits count in this process.
    const redis = createFailFastRedis({
      url: config.redisUrl,
      logger,
      commandTimeoutMs: authLimitRedisTimeoutMs,
    });
    await settleConnection(redis);
    const limits = createAuthLimits({ redis, logger, ...config.authLimits });
    const sessionService = createSessionService({
      repository: sessions,
      users,
      issueAccessToken: createAccessTokenIssuer({ signingKey, lifetime: config.accessTokenTtl }),
      limits,
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    });
    return {
      users: createUsersService({
        repository: users,
        hasher: createPasswordHasher(),
        sessions: sessionService,
        limits,
      }),
      sessions: sessionService,
      // Closed with the background work, after the listener stops.
      closeClients: async () => {
        redis.disconnect();
      },
    };
  },
  // The public halves of every key in the signing set, so the gateway can verify tokens
  // signed by the current key and by a key being rotated in or out.
  mountRoutes: (app, _services, config) => {
    const publicKeys = toPublicKeySet(
      readPrivateKeySet(config.tokenSigningKeysFile, 'TOKEN_SIGNING_KEYS_FILE'),
    );
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.setHeader('cache-control', 'public, max-age=300');
      res.json(publicKeys);
    });
  },
  createLoaders: ({ users }: UsersRepositories) => ({
    userById: createEntityLoader(
      (ids) => users.findByIds(ids),
      (user) => user.id,
    ),
  }),
  // Accounts that signed up or logged in during this request: the caller carries no
  // identity yet, but is that user, so the returned `AuthPayload.user` shows its email.
  createRequestState: () => ({ signedInUserIds: new Set<string>() }),
  // The notification worker runs here when WORKER_MODE=inline, else in `src/worker.ts`.
  startBackground: async ({ repositories, services, config, logger }) =>
    combineBackground([
      startSessionSweeper({
        repository: repositories.sessions,
        intervalMs: config.sessionSweepMs,
        logger,
      }),
      ...(config.queues.workerMode === 'inline'
        ? [startNotificationWorker({ repositories, settings: config.queues, logger })]
        : []),
      // The sign-in limits' Redis client.
      { close: () => services.closeClients() },
    ]),
  seedOnStart: async ({ users }, config, logger) => {
    if (config.seedAdmin && !(await users.hasAny())) {
      await seedAdmin({ repository: users, ...config.seedAdmin, logger });
    }
  },
});
