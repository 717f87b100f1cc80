import { createHash, createHmac, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { saslprep } from '@mongodb-js/saslprep';

/** The one SASL mechanism this server implements (RFC 7677). */
export const scramSha256 = 'SCRAM-SHA-256';

/** mongod's default `scramSHA256IterationCount`; the driver refuses fewer than 4096. */
export const defaultIterationCount = 15_000;

/** mongod's salt length for SCRAM-SHA-256: the digest size minus four bytes. */
const saltBytes = 28;

const pbkdf2Async = promisify(pbkdf2);

/**
 * What the server keeps of a password (RFC 5802 §3): the salt and iteration count it
 * hands to the client, `StoredKey = H(ClientKey)` to check the client's proof and
 * `ServerKey` to sign its own answer. Neither lets anyone log in without the password.
 */
export interface ScramCredentials {
  readonly iterationCount: number;
  readonly salt: Buffer;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

/** SASLprep (RFC 4013) of a password, with a clear error for prohibited characters. */
export function prepPassword(password: string): string {
  try {
    return saslprep(password);
  } catch (error) {
    throw new Error(`the password cannot be used: ${(error as Error).message}`, { cause: error });
  }
}

/** Derives the credentials of a password (blocks for the PBKDF2 rounds, ~10 ms). */
export function deriveCredentialsSync(
  password: string,
  iterationCount = defaultIterationCount,
): ScramCredentials {
  return credentialsWithSalt(password, randomBytes(saltBytes), iterationCount);
}

/** The credentials of a password with a given salt (as in the RFC 7677 test vector). */
export function credentialsWithSalt(
  password: string,
  salt: Buffer,
  iterationCount: number,
): ScramCredentials {
  const salted = pbkdf2Sync(prepPassword(password), salt, iterationCount, 32, 'sha256');
  return fromSaltedPassword(salted, salt, iterationCount);
}

/** Like {@link deriveCredentialsSync}, without blocking the event loop. */
export async function deriveCredentials(
  password: string,
  iterationCount = defaultIterationCount,
): Promise<ScramCredentials> {
  const salt = randomBytes(saltBytes);
  const salted = await pbkdf2Async(prepPassword(password), salt, iterationCount, 32, 'sha256');
  return fromSaltedPassword(salted, salt, iterationCount);
}

function fromSaltedPassword(salted: Buffer, salt: Buffer, iterationCount: number) {
  const clientKey = hmac(salted, 'Client Key');
  return {
    iterationCount,
    salt,
    storedKey: sha256(clientKey),
    serverKey: hmac(salted, 'Server Key'),
  };
}

export function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
