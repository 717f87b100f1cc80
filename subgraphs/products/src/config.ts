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
import { crashPointRefusedInProduction, queueFields, queueSettings } from '@fedshop/queues';

/** Released holds and tombstones are kept this long, then pruned. @defaultValue 24 h */
export const defaultHoldRetentionHours = 24;

const productsConfigSchema = z
  .object({
    PRODUCTS_PORT: fields.port(defaultPorts.products),
    ...subgraphFields,
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    PRODUCTS_MONGODB_URI: fields.mongoUri().optional(),
    /** Unset: seed demo products into an empty catalogue everywhere but production. */
    SEED_DEMO_PRODUCTS: fields.booleanFlag(false).unwrap().optional(),
    ...queueFields,
    HOLD_RETENTION_HOURS: fields.positiveInt(defaultHoldRetentionHours),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('PRODUCTS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .refine(...crashPointRefusedInProduction())
  .transform((env) => ({
    port: env.PRODUCTS_PORT,
    ...subgraphSettings(env),
    mongoUri: env.PRODUCTS_MONGODB_URI,
    seedDemoProducts: env.SEED_DEMO_PRODUCTS ?? env.NODE_ENV !== 'production',
    queues: queueSettings(env),
    holdRetentionMs: env.HOLD_RETENTION_HOURS * 3600_000,
  }));

export type ProductsConfig = z.output<typeof productsConfigSchema>;

/** Reads the products service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadProductsConfig(env: Environment = process.env): ProductsConfig {
  return loadConfig(productsConfigSchema, env);
}
