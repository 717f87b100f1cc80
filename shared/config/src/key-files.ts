import { join, resolve } from 'node:path';

/**
 * The key files `npm start` and `npm run keys` write, by variable. Outside production an
 * unset variable means this file under DATA_DIR; in production each must be set.
 */
export const keyFileNames = {
  TOKEN_SIGNING_KEYS_FILE: 'token-signing-keys.json',
  JWKS_FILE: 'jwks.json',
  INTERNAL_SIGNING_KEYS_FILE: 'internal-signing-keys.json',
  INTERNAL_JWKS_FILE: 'internal-jwks.json',
} as const;

export type KeyFileVariable = keyof typeof keyFileNames;

/** The configured key file, or its development default under `dataDir`. */
export function keyFilePath(
  variable: KeyFileVariable,
  value: string | undefined,
  dataDir: string,
): string {
  return resolve(value ?? join(dataDir, keyFileNames[variable]));
}

/** Variables that no longer do anything, with what replaced them. */
const retired = {
  JWT_SECRET:
    'JWT_SECRET is retired: client tokens are ES256 now, signed from TOKEN_SIGNING_KEYS_FILE (users) and verified from JWKS_URL or JWKS_FILE (gateway)',
  JWT_EXPIRES_IN: 'JWT_EXPIRES_IN is retired: set ACCESS_TOKEN_TTL (and REFRESH_TOKEN_TTL)',
} as const;

/** One warning per retired variable that is still set (values never echoed). */
export function retiredVariableWarnings(
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return Object.entries(retired)
    .filter(([variable]) => env[variable] !== undefined && env[variable] !== '')
    .map(([, warning]) => warning);
}
