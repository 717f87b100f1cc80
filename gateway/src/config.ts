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
    SUBGRAPH_TIMEOUT_MS: fields.positiveInt(10_000),
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
    REDIS_URL: fields.redisUrl(),
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
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
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
    redisUrl: env.REDIS_URL,
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

/** Reads the gateway's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadGatewayConfig(env: Environment = process.env): GatewayConfig {
  return { ...loadConfig(gatewayConfigSchema, env), warnings: retiredVariableWarnings(env) };
}
