import {
  defaultPorts,
  keyFilePath,
  fields,
  loadConfig,
  requiredInProduction,
  z,
  type Environment,
} from '@fedshop/config';

const ordersConfigSchema = z
  .object({
    ORDERS_PORT: fields.port(defaultPorts.orders),
    HOST: fields.host(),
    NODE_ENV: fields.nodeEnv(),
    LOG_LEVEL: fields.logLevel(),
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    ORDERS_MONGODB_URI: fields.mongoUri().optional(),
    DATA_DIR: fields.dataDir(),
    /** The gateway's public keys for internal tokens; unset outside production: DATA_DIR/internal-jwks.json. */
    INTERNAL_JWKS_FILE: fields.filePath().optional(),
    CLOCK_SKEW_SECONDS: fields.nonNegativeInt(30),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('ORDERS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .transform((env) => ({
    port: env.ORDERS_PORT,
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    mongoUri: env.ORDERS_MONGODB_URI,
    dataDir: env.DATA_DIR,
    internalJwksFile: keyFilePath('INTERNAL_JWKS_FILE', env.INTERNAL_JWKS_FILE, env.DATA_DIR),
    clockSkewSeconds: env.CLOCK_SKEW_SECONDS,
  }));

export type OrdersConfig = z.output<typeof ordersConfigSchema>;

/** Reads the orders service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadOrdersConfig(env: Environment = process.env): OrdersConfig {
  return loadConfig(ordersConfigSchema, env);
}
