import { fields, loadConfig, z, type Environment } from '@fedshop/config';

const ordersConfigSchema = z
  .object({
    ORDERS_PORT: fields.port(4003),
    HOST: fields.host(),
    NODE_ENV: fields.nodeEnv(),
    LOG_LEVEL: fields.logLevel(),
    /** Unset outside production: an embedded MongoDB-compatible server is started instead. */
    ORDERS_MONGODB_URI: fields.mongoUri().optional(),
    DATA_DIR: z.string().min(1).default('./.data'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.ORDERS_MONGODB_URI !== undefined, {
    // Production never falls back to the embedded store: its data would live in the container.
    path: ['ORDERS_MONGODB_URI'],
    message: 'required in production (a mongodb:// URI)',
    // Reported together with any other bad variable, not only once the rest is valid.
    when: (payload) =>
      !payload.issues.some((issue) =>
        ['NODE_ENV', 'ORDERS_MONGODB_URI'].includes(String(issue.path?.[0])),
      ),
  })
  .transform((env) => ({
    port: env.ORDERS_PORT,
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    mongoUri: env.ORDERS_MONGODB_URI,
    dataDir: env.DATA_DIR,
  }));

export type OrdersConfig = z.output<typeof ordersConfigSchema>;

/** Reads the orders service's variables once, at start-up; throws a ConfigError naming each bad one. */
export function loadOrdersConfig(env: Environment = process.env): OrdersConfig {
  return loadConfig(ordersConfigSchema, env);
}
