import { resolve } from 'node:path';
import {
  defaultPorts,
  fields,
  keyFilePath,
  loadConfig,
  requiredInProduction,
  retiredVariableWarnings,
  z,
  type Environment,
} from '@fedshop/config';
import { queueFields } from '@fedshop/queues';
import { isAddressOrRange } from '@fedshop/rate-limits';
import { parseSubgraphUrls, type SubgraphUrls } from './supergraph/subgraph-urls.js';

export const supergraphSources = ['file', 'introspect'] as const;
export type SupergraphSourceKind = (typeof supergraphSources)[number];

const subgraphUrls = () =>
  z.string().transform((value, context): SubgraphUrls => {
    const parsed = parseSubgraphUrls(value);
    if (parsed.ok) return parsed.urls;
    context.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  });

/** A whole number >= 0 (0 usually means "no limit"). */
const nonNegativeInt = (defaultValue: number) =>
  z.coerce.number({ message: 'expected a number' }).int().min(0).default(defaultValue);

export const rateLimitFailModes = ['open', 'closed'] as const;
export type RateLimitFailMode = (typeof rateLimitFailModes)[number];

/** Benchmark-only switches: what the edge and the internal tokens cost, measured by turning them off. */
export const edgeProtectionModes = ['on', 'off'] as const;
export const internalTokenModes = ['signed', 'unsigned'] as const;

/** Defaults of the edge's limits; the README's configuration table lists the same values. */
export const edgeDefaults = {
  maxQueryDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxQueryTokens: 2_000,
  maxMutationRootFields: 5,
  maxBatchedOperations: 1,
  maxOperationCost: 1_000,
  defaultListSize: 10,
  rateLimitPoints: 3_000,
  rateLimitWindowSeconds: 60,
  rateLimitKeyPrefix: 'fedshop:rate-limit',
  rateLimitRedisTimeoutMs: 100,
  maxInflight: 100,
  adminSessionTtlSeconds: 900,
  queueDashboardRedisTimeoutMs: 1_000,
} as const;

/** Defaults of the policies on calls toward subgraphs (`gateway/src/subgraphs/policies`). */
export const subgraphCallDefaults = {
  requestTimeoutMs: 15_000,
  subgraphTimeoutMs: 10_000,
  maxAttempts: 3,
  breakerThreshold: 5,
  breakerResetMs: 5_000,
  maxResponseBytes: 10 * 1024 * 1024,
} as const;

const gatewayConfigSchema = z
  .object({
    GATEWAY_PORT: fields.port(defaultPorts.gateway),
    HOST: fields.host(),
    NODE_ENV: fields.nodeEnv(),
    LOG_LEVEL: fields.logLevel(),
    /** Resolved against the working directory. */
    SUPERGRAPH_PATH: z.string().min(1).default('supergraph.graphql'),
    /** `file` (watched, hot-reloaded) or `introspect` (dev: compose from the running subgraphs). */
    SUPERGRAPH_SOURCE: z
      .enum(supergraphSources, { message: 'expected file or introspect' })
      .default('file'),
    /** Overrides the URLs the supergraph names; the subgraph list in `introspect` mode. */
    SUBGRAPH_URLS: subgraphUrls().optional(),
    /** The whole request's deadline for its subgraph calls. */
    REQUEST_TIMEOUT_MS: fields.positiveInt(subgraphCallDefaults.requestTimeoutMs),
    /** One attempt's deadline (cut to what is left of REQUEST_TIMEOUT_MS). */
    SUBGRAPH_TIMEOUT_MS: fields.positiveInt(subgraphCallDefaults.subgraphTimeoutMs),
    /** Attempts of a query fetch, the first included (1 = no retry); mutation fetches get one. */
    SUBGRAPH_MAX_ATTEMPTS: fields.positiveInt(subgraphCallDefaults.maxAttempts),
    /** Consecutive failed attempts that open a subgraph's circuit. */
    CIRCUIT_BREAKER_THRESHOLD: fields.positiveInt(subgraphCallDefaults.breakerThreshold),
    /** How long an open circuit fails fast before one probe is let through. */
    CIRCUIT_BREAKER_RESET_MS: fields.positiveInt(subgraphCallDefaults.breakerResetMs),
    SUBGRAPH_MAX_RESPONSE_BYTES: fields.positiveInt(subgraphCallDefaults.maxResponseBytes),
    /** The users service's published keys; unset (and no JWKS_FILE) outside production: users' default URL. */
    JWKS_URL: fields.httpUrl().optional(),
    /** A local copy of those keys instead of JWKS_URL. */
    JWKS_FILE: fields.filePath().optional(),
    /** Private JWK Set for internal tokens; unset outside production: DATA_DIR/internal-signing-keys.json. */
    INTERNAL_SIGNING_KEYS_FILE: fields.filePath().optional(),
    /** The key of that set that signs; unset: the first. */
    INTERNAL_SIGNING_KID: z.string().min(1).optional(),
    CLOCK_SKEW_SECONDS: fields.nonNegativeInt(30),
    DATA_DIR: fields.dataDir(),
    MAX_QUERY_DEPTH: fields.positiveInt(edgeDefaults.maxQueryDepth),
    MAX_ALIASES: nonNegativeInt(edgeDefaults.maxAliases),
    MAX_DIRECTIVES: nonNegativeInt(edgeDefaults.maxDirectives),
    MAX_QUERY_TOKENS: fields.positiveInt(edgeDefaults.maxQueryTokens),
    MAX_MUTATION_ROOT_FIELDS: fields.positiveInt(edgeDefaults.maxMutationRootFields),
    /** 1 = batching off. */
    MAX_BATCHED_OPERATIONS: fields.positiveInt(edgeDefaults.maxBatchedOperations),
    MAX_OPERATION_COST: fields.positiveInt(edgeDefaults.maxOperationCost),
    DEFAULT_LIST_SIZE: fields.positiveInt(edgeDefaults.defaultListSize),
    /** 0 = unbounded. */
    GATEWAY_MAX_INFLIGHT: nonNegativeInt(edgeDefaults.maxInflight),
    RATE_LIMIT_POINTS: fields.positiveInt(edgeDefaults.rateLimitPoints),
    RATE_LIMIT_WINDOW_SECONDS: fields.positiveInt(edgeDefaults.rateLimitWindowSeconds),
    RATE_LIMIT_FAIL_MODE: z
      .enum(rateLimitFailModes, { message: 'expected open or closed' })
      .default('open'),
    /** Keys in Redis start with this (tests use their own). */
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default(edgeDefaults.rateLimitKeyPrefix),
    RATE_LIMIT_REDIS_TIMEOUT_MS: fields.positiveInt(edgeDefaults.rateLimitRedisTimeoutMs),
    /** Addresses or CIDR ranges whose X-Forwarded-For is believed. */
    TRUSTED_PROXIES: fields.commaList().refine((entries) => entries.every(isAddressOrRange), {
      message: 'expected comma-separated IP addresses or CIDR ranges',
    }),
    REDIS_URL: fields.redisUrl(),
    /** The services' queue key prefix: the queue dashboard shows the queues under it. */
    QUEUE_PREFIX: queueFields.QUEUE_PREFIX,
    /** How long a queue-dashboard session cookie lasts at most. */
    ADMIN_SESSION_TTL_SECONDS: fields.positiveInt(edgeDefaults.adminSessionTtlSeconds),
    /** A dashboard Redis command unanswered this long answers 503. */
    QUEUE_DASHBOARD_REDIS_TIMEOUT_MS: fields.positiveInt(edgeDefaults.queueDashboardRedisTimeoutMs),
    /** Browser origins of our frontends; Apollo Studio is always allowed. */
    CORS_ORIGINS: fields.commaList(),
    /** Unset: on everywhere but production. */
    INTROSPECTION: fields.booleanFlag(false).unwrap().optional(),
    APOLLO_KEY: z.string().min(1).optional(),
    APOLLO_GRAPH_REF: z
      .string()
      .regex(/^[^@\s]+@[^@\s]+$/, 'expected graph-id@variant')
      .optional(),
    /** Apollo's anonymous gateway telemetry (it also probes cloud metadata endpoints); off unless `false`. */
    APOLLO_TELEMETRY_DISABLED: fields.booleanFlag(true),
    /** Benchmark-only: `off` drops shedding, static limits, cost and budgets (a loud warning). */
    EDGE_PROTECTION: z.enum(edgeProtectionModes, { message: 'expected on or off' }).default('on'),
    /** Benchmark-only: `unsigned` sends a placeholder instead of signing (subgraphs refuse it). */
    INTERNAL_TOKENS: z
      .enum(internalTokenModes, { message: 'expected signed or unsigned' })
      .default('signed'),
    /** Lets the two switches above run with NODE_ENV=production, as the benchmark runs. */
    BENCHMARK_ONLY: fields.booleanFlag(false),
  })
  .refine(
    ...requiredInProduction(
      'INTERNAL_SIGNING_KEYS_FILE',
      'the private JWK Set that signs internal tokens',
    ),
  )
  .superRefine((env, context) => {
    if (
      env.NODE_ENV === 'production' &&
      env.JWKS_URL === undefined &&
      env.JWKS_FILE === undefined
    ) {
      context.addIssue({
        code: 'custom',
        path: ['JWKS_URL'],
        message: "required in production (or JWKS_FILE): the users service's public keys",
      });
    }
    if (env.SUPERGRAPH_SOURCE === 'introspect' && env.SUBGRAPH_URLS === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['SUBGRAPH_URLS'],
        message: 'required when SUPERGRAPH_SOURCE=introspect (name=url pairs to compose from)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.BENCHMARK_ONLY) {
      const benchmarkOnly = 'benchmark-only: refused in production unless BENCHMARK_ONLY=true';
      if (env.EDGE_PROTECTION === 'off')
        context.addIssue({ code: 'custom', path: ['EDGE_PROTECTION'], message: benchmarkOnly });
      if (env.INTERNAL_TOKENS === 'unsigned')
        context.addIssue({ code: 'custom', path: ['INTERNAL_TOKENS'], message: benchmarkOnly });
    }
    if (env.SUBGRAPH_URLS !== undefined && Object.keys(env.SUBGRAPH_URLS).length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['SUBGRAPH_URLS'],
        message: 'expected at least one name=url pair',
      });
    }
  })
  .transform((env) => ({
    port: env.GATEWAY_PORT,
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    supergraphPath: resolve(env.SUPERGRAPH_PATH),
    supergraphSource: env.SUPERGRAPH_SOURCE,
    subgraphUrls: env.SUBGRAPH_URLS ?? {},
    subgraphCalls: {
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      maxAttempts: env.SUBGRAPH_MAX_ATTEMPTS,
      breakerThreshold: env.CIRCUIT_BREAKER_THRESHOLD,
      breakerResetMs: env.CIRCUIT_BREAKER_RESET_MS,
      maxResponseBytes: env.SUBGRAPH_MAX_RESPONSE_BYTES,
    },
    clientTokenKeys:
      env.JWKS_FILE !== undefined
        ? { file: resolve(env.JWKS_FILE) }
        : { url: env.JWKS_URL ?? `http://127.0.0.1:${defaultPorts.users}/.well-known/jwks.json` },
    internalSigningKeysFile: keyFilePath(
      'INTERNAL_SIGNING_KEYS_FILE',
      env.INTERNAL_SIGNING_KEYS_FILE,
      env.DATA_DIR,
    ),
    internalSigningKid: env.INTERNAL_SIGNING_KID,
    clockSkewSeconds: env.CLOCK_SKEW_SECONDS,
    limits: {
      MAX_QUERY_DEPTH: env.MAX_QUERY_DEPTH,
      MAX_ALIASES: env.MAX_ALIASES,
      MAX_DIRECTIVES: env.MAX_DIRECTIVES,
      MAX_QUERY_TOKENS: env.MAX_QUERY_TOKENS,
      MAX_MUTATION_ROOT_FIELDS: env.MAX_MUTATION_ROOT_FIELDS,
    },
    maxBatchedOperations: env.MAX_BATCHED_OPERATIONS,
    cost: { max: env.MAX_OPERATION_COST, defaultListSize: env.DEFAULT_LIST_SIZE },
    rateLimit: {
      points: env.RATE_LIMIT_POINTS,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      failMode: env.RATE_LIMIT_FAIL_MODE,
      keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
      redisTimeoutMs: env.RATE_LIMIT_REDIS_TIMEOUT_MS,
    },
    trustedProxies: env.TRUSTED_PROXIES,
    maxInflight: env.GATEWAY_MAX_INFLIGHT,
    edgeProtection: env.EDGE_PROTECTION === 'on',
    signInternalTokens: env.INTERNAL_TOKENS === 'signed',
    redisUrl: env.REDIS_URL,
    queueDashboard: {
      queuePrefix: env.QUEUE_PREFIX,
      sessionTtlSeconds: env.ADMIN_SESSION_TTL_SECONDS,
      redisTimeoutMs: env.QUEUE_DASHBOARD_REDIS_TIMEOUT_MS,
    },
    corsOrigins: env.CORS_ORIGINS,
    introspection: env.INTROSPECTION ?? env.NODE_ENV !== 'production',
    // Managed federation only when both are set; the key is a secret and is never logged.
    apolloTelemetry: !env.APOLLO_TELEMETRY_DISABLED,
    apollo:
      env.APOLLO_KEY !== undefined && env.APOLLO_GRAPH_REF !== undefined
        ? { key: env.APOLLO_KEY, graphRef: env.APOLLO_GRAPH_REF }
        : undefined,
  }));

export type GatewayConfig = z.output<typeof gatewayConfigSchema> & { warnings: string[] };
export type SubgraphCallSettings = GatewayConfig['subgraphCalls'];

/** Reads the gateway's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadGatewayConfig(env: Environment = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigSchema, env);
  return { ...config, warnings: [...retiredVariableWarnings(env), ...benchmarkWarnings(config)] };
}

function benchmarkWarnings(config: z.output<typeof gatewayConfigSchema>): string[] {
  const warnings: string[] = [];
  if (!config.edgeProtection) {
    warnings.push(
      'EDGE_PROTECTION=off (benchmark only): NO load shedding, static limits, operation cost or rate limits',
    );
  }
  if (!config.signInternalTokens) {
    warnings.push(
      'INTERNAL_TOKENS=unsigned (benchmark only): subgraph calls carry NO signed identity; real subgraphs refuse them',
    );
  }
  return warnings;
}
