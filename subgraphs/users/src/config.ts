import { defaultAccessTokenLifetime } from '@fedshop/auth';
import {
  defaultPorts,
  keyFilePath,
  subgraphFields,
  subgraphSettings,
  retiredVariableWarnings,
  fields,
  loadConfig,
  timeSpanSeconds,
  requiredInProduction,
  z,
  type Environment,
} from '@fedshop/config';
import { authLimitDefaults } from './limits/auth-limits.js';
import { defaultRefreshTokenTtl } from './sessions/session-service.js';
import { defaultSessionSweepMs } from './sessions/session-sweeper.js';
import { crashPointRefusedInProduction, queueFields, queueSettings } from '@fedshop/queues';
import { isEmailShape, normaliseEmail } from './users/email.js';
import { passwordLength } from './users/sign-up-rules.js';

/** The first admin's credentials outside production, when the variables are unset. */
export const developmentAdmin = {
  email: 'admin@fedshop.local',
  password: 'fedshop-admin-password',
} as const;

const usersConfigSchema = z
  .object({
    USERS_PORT: fields.port(defaultPorts.users),
    ...subgraphFields,
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    USERS_MONGODB_URI: fields.mongoUri().optional(),
    /** REDIS_URL, QUEUE_PREFIX, WORKER_MODE, ...: the notification worker's queue. */
    ...queueFields,
    /** Private JWK Set that signs access tokens; unset outside production: DATA_DIR/token-signing-keys.json. */
    TOKEN_SIGNING_KEYS_FILE: fields.filePath().optional(),
    /** The key of that set that signs; unset: the first. */
    TOKEN_SIGNING_KID: z.string().min(1).optional(),
    ACCESS_TOKEN_TTL: fields.timeSpan(defaultAccessTokenLifetime),
    REFRESH_TOKEN_TTL: fields.timeSpan(defaultRefreshTokenTtl),
    SESSION_SWEEP_MS: fields.positiveInt(defaultSessionSweepMs),
    /** The password-guessing limits' counters (without it each process counts alone). */
    REDIS_URL: fields.redisUrl(),
    AUTH_RATE_LIMIT_POINTS: fields.positiveInt(authLimitDefaults.points),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: fields.positiveInt(authLimitDefaults.windowSeconds),
    LOGIN_FAILURES_PER_EMAIL: fields.positiveInt(authLimitDefaults.loginFailures),
    LOGIN_FAILURES_WINDOW_SECONDS: fields.positiveInt(authLimitDefaults.loginFailuresWindowSeconds),
    AUTH_RATE_LIMIT_KEY_PREFIX: z.string().min(1).default(authLimitDefaults.keyPrefix),
    SEED_ADMIN_EMAIL: z
      .string()
      .transform(normaliseEmail)
      .refine(isEmailShape, 'expected an email address')
      .optional(),
    SEED_ADMIN_PASSWORD: z
      .string()
      .min(passwordLength.min, `expected at least ${passwordLength.min} characters`)
      .max(passwordLength.max, `expected at most ${passwordLength.max} characters`)
      .optional(),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('USERS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .refine(...crashPointRefusedInProduction())
  .refine(
    ...requiredInProduction(
      'TOKEN_SIGNING_KEYS_FILE',
      'the private JWK Set that signs access tokens',
    ),
  )
  .superRefine(
    (env, context) => {
      const production = env.NODE_ENV === 'production';
      // Half a pair of credentials is a mistake, not a request to skip seeding.
      if (
        production &&
        (env.SEED_ADMIN_EMAIL === undefined) !== (env.SEED_ADMIN_PASSWORD === undefined)
      ) {
        const missing =
          env.SEED_ADMIN_EMAIL === undefined ? 'SEED_ADMIN_EMAIL' : 'SEED_ADMIN_PASSWORD';
        context.addIssue({
          code: 'custom',
          path: [missing],
          message: 'required in production when the other SEED_ADMIN_* variable is set',
        });
      }
    },
    {
      // Reported together with any other bad variable, not only once the rest is valid.
      when: (payload) =>
        !payload.issues.some((issue) =>
          ['NODE_ENV', 'SEED_ADMIN_EMAIL', 'SEED_ADMIN_PASSWORD'].includes(String(issue.path?.[0])),
        ),
    },
  )
  .transform((env) => {
    const production = env.NODE_ENV === 'production';
    const email = env.SEED_ADMIN_EMAIL ?? (production ? undefined : developmentAdmin.email);
    const password =
      env.SEED_ADMIN_PASSWORD ?? (production ? undefined : developmentAdmin.password);
    return {
      port: env.USERS_PORT,
      ...subgraphSettings(env),
      mongoUri: env.USERS_MONGODB_URI,
      queues: queueSettings(env),
      tokenSigningKeysFile: keyFilePath(
        'TOKEN_SIGNING_KEYS_FILE',
        env.TOKEN_SIGNING_KEYS_FILE,
        env.DATA_DIR,
      ),
      tokenSigningKid: env.TOKEN_SIGNING_KID,
      accessTokenTtl: env.ACCESS_TOKEN_TTL,
      refreshTokenTtlSeconds: timeSpanSeconds(env.REFRESH_TOKEN_TTL),
      sessionSweepMs: env.SESSION_SWEEP_MS,
      redisUrl: env.REDIS_URL,
      authLimits: {
        points: env.AUTH_RATE_LIMIT_POINTS,
        windowSeconds: env.AUTH_RATE_LIMIT_WINDOW_SECONDS,
        loginFailures: env.LOGIN_FAILURES_PER_EMAIL,
        loginFailuresWindowSeconds: env.LOGIN_FAILURES_WINDOW_SECONDS,
        keyPrefix: env.AUTH_RATE_LIMIT_KEY_PREFIX,
      },
      /** Null in production unless both SEED_ADMIN_* variables are set. */
      seedAdmin: email !== undefined && password !== undefined ? { email, password } : null,
    };
  });

export type UsersConfig = z.output<typeof usersConfigSchema> & { warnings: string[] };

/** Reads the users service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadUsersConfig(env: Environment = process.env): UsersConfig {
  return { ...loadConfig(usersConfigSchema, env), warnings: retiredVariableWarnings(env) };
}
