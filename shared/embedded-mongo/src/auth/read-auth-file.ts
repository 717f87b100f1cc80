import { readFile, stat } from 'node:fs/promises';
import { validateUsers, type EmbeddedMongoUser } from './embedded-mongo-user.js';

/**
 * Reads the users of `--auth-file`: JSON `{ "users": [{ "username", "password", "db"? }] }`.
 * Passwords never travel on the command line, where every local user can read them; the
 * file must be private to its owner (no group or other permissions), as ssh insists for keys.
 */
export async function readAuthFile(path: string): Promise<EmbeddedMongoUser[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the auth file ${path}: ${error.code ?? error.message}`, {
      cause: error,
    });
  });
  if (!info.isFile()) throw new Error(`the auth file ${path} is not a regular file`);
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new Error(
      `the auth file ${path} is accessible by others (mode ${mode}); make it private: chmod 600`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`the auth file ${path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const users = (parsed as { users?: unknown } | null)?.users;
  try {
    return validateUsers(users);
  } catch (error) {
    throw new Error(`the auth file ${path}: ${(error as Error).message}`, { cause: error });
  }
}
