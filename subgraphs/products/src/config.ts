import {
  defaultPorts,
  subgraphFields,
  subgraphSettings,
  fields,
  loadConfig,
  requiredInProduction,
  z,
  type Environment,
} from '@fedshop/config';

const productsConfigSchema = z
  .object({
    PRODUCTS_PORT: fields.port(defaultPorts.products),
    ...subgraphFields,
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    PRODUCTS_MONGODB_URI: fields.mongoUri().optional(),
    /** Unset: seed demo products into an empty catalogue everywhere but production. */
    SEED_DEMO_PRODUCTS: fields.booleanFlag(false).unwrap().optional(),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('PRODUCTS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .transform((env) => ({
    port: env.PRODUCTS_PORT,
    ...subgraphSettings(env),
    mongoUri: env.PRODUCTS_MONGODB_URI,
    seedDemoProducts: env.SEED_DEMO_PRODUCTS ?? env.NODE_ENV !== 'production',
  }));

export type ProductsConfig = z.output<typeof productsConfigSchema>;

/** Reads the products service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadProductsConfig(env: Environment = process.env): ProductsConfig {
  return loadConfig(productsConfigSchema, env);
}
