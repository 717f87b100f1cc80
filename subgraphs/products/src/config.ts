import {
  defaultPorts,
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
    /** Unset: seed demo products into an empty catalogue everywhere but production. */
    SEED_DEMO_PRODUCTS: fields.booleanFlag(false).unwrap().optional(),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('PRODUCTS_MONGODB_URI', 'a mongodb:// URI'))
  .transform((env) => ({
    port: env.PRODUCTS_PORT,
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    mongoUri: env.PRODUCTS_MONGODB_URI,
    dataDir: env.DATA_DIR,
    seedDemoProducts: env.SEED_DEMO_PRODUCTS ?? env.NODE_ENV !== 'production',
  }));

export type ProductsConfig = z.output<typeof productsConfigSchema>;

/** Reads the products service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadProductsConfig(env: Environment = process.env): ProductsConfig {
  return loadConfig(productsConfigSchema, env);
}
