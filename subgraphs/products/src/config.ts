import {
  defaultPorts,
  keyFilePath,
  fields,
  loadConfig,
  requiredInProduction,
  z,
  type Environment,
} from '@fedshop/config';

const productsConfigSchema = z
  .object({
    PRODUCTS_PORT: fields.port(defaultPorts.products),
    HOST: fields.host(),
    NODE_ENV: fields.nodeEnv(),
    LOG_LEVEL: fields.logLevel(),
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    PRODUCTS_MONGODB_URI: fields.mongoUri().optional(),
    DATA_DIR: fields.dataDir(),
    /** The gateway's public keys for internal tokens; unset outside production: DATA_DIR/internal-jwks.json. */
    INTERNAL_JWKS_FILE: fields.filePath().optional(),
    CLOCK_SKEW_SECONDS: fields.nonNegativeInt(30),
    /** Unset: seed demo products into an empty catalogue everywhere but production. */
    SEED_DEMO_PRODUCTS: fields.booleanFlag(false).unwrap().optional(),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('PRODUCTS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .transform((env) => ({
    port: env.PRODUCTS_PORT,
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    mongoUri: env.PRODUCTS_MONGODB_URI,
    dataDir: env.DATA_DIR,
    internalJwksFile: keyFilePath('INTERNAL_JWKS_FILE', env.INTERNAL_JWKS_FILE, env.DATA_DIR),
    clockSkewSeconds: env.CLOCK_SKEW_SECONDS,
    seedDemoProducts: env.SEED_DEMO_PRODUCTS ?? env.NODE_ENV !== 'production',
  }));

export type ProductsConfig = z.output<typeof productsConfigSchema>;

/** Reads the products service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadProductsConfig(env: Environment = process.env): ProductsConfig {
  return loadConfig(productsConfigSchema, env);
}
