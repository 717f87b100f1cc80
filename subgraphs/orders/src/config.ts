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

const ordersConfigSchema = z
  .object({
    ORDERS_PORT: fields.port(defaultPorts.orders),
    ...subgraphFields,
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    ORDERS_MONGODB_URI: fields.mongoUri().optional(),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('ORDERS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .transform((env) => ({
    port: env.ORDERS_PORT,
    ...subgraphSettings(env),
    mongoUri: env.ORDERS_MONGODB_URI,
  }));

export type OrdersConfig = z.output<typeof ordersConfigSchema>;

/** Reads the orders service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadOrdersConfig(env: Environment = process.env): OrdersConfig {
  return loadConfig(ordersConfigSchema, env);
}
