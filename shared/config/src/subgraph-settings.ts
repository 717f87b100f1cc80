import { z } from 'zod';
import * as fields from './fields.js';
import { keyFilePath } from './key-files.js';

/** The variables every subgraph reads besides its own port and database (spread into its schema). */
export const subgraphFields = {
  HOST: fields.host(),
  NODE_ENV: fields.nodeEnv(),
  LOG_LEVEL: fields.logLevel(),
  DATA_DIR: fields.dataDir(),
  /** The gateway's public keys for internal tokens; unset outside production: DATA_DIR/internal-jwks.json. */
  INTERNAL_JWKS_FILE: fields.filePath().optional(),
  CLOCK_SKEW_SECONDS: fields.nonNegativeInt(30),
};

type SubgraphEnvironment = z.output<z.ZodObject<typeof subgraphFields>>;

/** What those variables mean, in the shape every subgraph config shares (the kit reads it). */
export function subgraphSettings(env: SubgraphEnvironment) {
  return {
    host: env.HOST,
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    internalJwksFile: keyFilePath('INTERNAL_JWKS_FILE', env.INTERNAL_JWKS_FILE, env.DATA_DIR),
    clockSkewSeconds: env.CLOCK_SKEW_SECONDS,
  };
}
