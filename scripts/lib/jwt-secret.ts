import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LauncherError } from './launcher-error.js';

/** HS256 wants at least 256 bits of key material; the services enforce the same floor. */
export const minimumJwtSecretLength = 32;

export const jwtSecretFileName = 'jwt-secret';

export interface JwtSecret {
  secret: string;
  /** Where it came from, for a log line that never shows the value. */
  source: 'environment' | 'file' | 'generated';
  /** The file holding it, unless it came from the environment. */
  file?: string;
}

/**
 * `JWT_SECRET` when set; otherwise a secret generated once and kept in
 * `DATA_DIR/jwt-secret` (mode 0600), so tokens stay valid across restarts.
 */
export async function ensureJwtSecret(
  fromEnvironment: string | undefined,
  dataDir: string,
): Promise<JwtSecret> {
  if (fromEnvironment) {
    if (fromEnvironment.length < minimumJwtSecretLength) {
      throw new LauncherError(
        `JWT_SECRET must be at least ${minimumJwtSecretLength} characters (or unset it to use a generated one).`,
      );
    }
    return { secret: fromEnvironment, source: 'environment' };
  }
  const file = join(dataDir, jwtSecretFileName);
  const existing = await readSecretFile(file);
  if (existing !== undefined) return { secret: existing, source: 'file', file };

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another launcher wrote it first: use theirs, so both agree.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = await readSecretFile(file);
    if (written !== undefined) return { secret: written, source: 'file', file };
    throw error;
  }
  return { secret, source: 'generated', file };
}

async function readSecretFile(file: string): Promise<string | undefined> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = content.trim();
  if (secret.length < minimumJwtSecretLength) {
    throw new LauncherError(
      `${file} holds a JWT secret shorter than ${minimumJwtSecretLength} characters: delete it to generate a new one, or set JWT_SECRET.`,
    );
  }
  // Tighten a copy that was created or copied with looser permissions.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return secret;
}
