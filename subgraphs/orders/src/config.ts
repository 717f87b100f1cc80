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
import { defaultIdempotencyKeyTtlHours } from './orders/idempotency-key.js';

/** A PENDING order older than this is rejected as timed out. @defaultValue 300 s */
export const defaultPendingTimeoutSeconds = 300;
/** How often the relay looks for unsent outbox entries (and expiry runs). @defaultValue 5000 ms */
export const defaultOutboxSweepMs = 5000;

const ordersConfigSchema = z
  .object({
    ORDERS_PORT: fields.port(defaultPorts.orders),
    ...subgraphFields,
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    ORDERS_MONGODB_URI: fields.mongoUri().optional(),
    ...queueFields,
    ORDER_PENDING_TIMEOUT_SECONDS: fields.positiveInt(defaultPendingTimeoutSeconds),
    OUTBOX_SWEEP_MS: fields.positiveInt(defaultOutboxSweepMs),
    IDEMPOTENCY_KEY_TTL_HOURS: fields.positiveInt(defaultIdempotencyKeyTtlHours),
  })
  // Production never falls back to the embedded store: its data would live in the container.
  .refine(...requiredInProduction('ORDERS_MONGODB_URI', 'a mongodb:// URI'))
  .refine(...requiredInProduction('INTERNAL_JWKS_FILE', "the gateway's public JWK Set"))
  .refine(...crashPointRefusedInProduction())
  .transform((env) => ({
    port: env.ORDERS_PORT,
    ...subgraphSettings(env),
    mongoUri: env.ORDERS_MONGODB_URI,
    queues: queueSettings(env),
    workflow: {
      pendingTimeoutMs: env.ORDER_PENDING_TIMEOUT_SECONDS * 1000,
      outboxSweepMs: env.OUTBOX_SWEEP_MS,
      idempotencyKeyTtlMs: env.IDEMPOTENCY_KEY_TTL_HOURS * 3600_000,
    },
  }));

export type OrdersConfig = z.output<typeof ordersConfigSchema>;

/** Reads the orders service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadOrdersConfig(env: Environment = process.env): OrdersConfig {
  return loadConfig(ordersConfigSchema, env);
}
