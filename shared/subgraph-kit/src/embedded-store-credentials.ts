import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedMongoUser } from '@fedshop/embedded-mongo';

/** The one user of a service's embedded store: named like the service, on its database. */
export interface EmbeddedStoreCredentials extends EmbeddedMongoUser {
  readonly db: string;
  /** The file holding them; unset when they live in memory only (no `DATA_DIR`). */
  readonly file?: string;
}

/** `DATA_DIR/<service>.mongo-credentials.json`, in the format of `embedded-mongo --auth-file`. */
export function credentialsFileName(service: string): string {
  return `${service}.mongo-credentials.json`;
}

/**
 * The credentials the service's embedded store requires. With a data directory they are
 * generated once into `DATA_DIR/<service>.mongo-credentials.json` (0600, the directory
 * 0700), so the journal's store keeps the same user across restarts; without one they are
 * random per start and never written down.
 */
export async function embeddedStoreCredentials(
  service: string,
  dataDir: string | undefined,
): Promise<EmbeddedStoreCredentials> {
  const generated = {
    username: service,
    password: randomBytes(32).toString('base64url'),
    db: service,
  };
  if (!dataDir) return generated;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, credentialsFileName(service));
  const existing = await readCredentials(file, service);
  if (existing) return existing;
  try {
    await writeFile(file, `${JSON.stringify({ users: [generated] }, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    // Another process of this service wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = await readCredentials(file, service);
    if (written) return written;
    throw error;
  }
  return { ...generated, file };
}

async function readCredentials(
  file: string,
  service: string,
): Promise<EmbeddedStoreCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const invalid = (cause?: unknown) =>
    new Error(
      `${file} does not hold the credentials of the ${service} store ` +
        `({"users":[{"username","password","db"}]}); delete it to generate new ones`,
      { cause },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(error);
  }
  const user = (parsed as { users?: unknown[] } | null)?.users?.[0] as
    Record<string, unknown> | undefined;
  const { username, password, db } = user ?? {};
  if (typeof username !== 'string' || typeof password !== 'string' || password.length < 16) {
    throw invalid();
  }
  if (typeof db !== 'string' || db === '') throw invalid();
  // Tighten a copy that was created or copied with looser permissions.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return { username, password, db, file };
}

/** `mongodb://user:password@host:port/<db>`: what the service connects with. */
export function credentialedUri(serverUri: string, credentials: EmbeddedStoreCredentials): string {
  const url = new URL(`${serverUri}/${credentials.db}`);
  url.username = encodeURIComponent(credentials.username);
  url.password = encodeURIComponent(credentials.password);
  return url.toString();
}
