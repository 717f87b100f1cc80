import { chmod, mkdir, stat } from 'node:fs/promises';

/**
 * The store's files hold every document (emails, password hashes): only their owner may
 * read them. Files are created 0600 and folders 0700; what already exists is tightened.
 */
export const privateFileMode = 0o600;
export const privateDirectoryMode = 0o700;

/** Creates `dir` (and missing parents) as 0700, or makes an existing `dir` 0700. */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: privateDirectoryMode });
  await tighten(dir, privateDirectoryMode);
}

/** Makes an existing file 0600 (one written by an older version, or copied in). */
export async function ensurePrivateFile(file: string): Promise<void> {
  await tighten(file, privateFileMode);
}

async function tighten(path: string, mode: number): Promise<void> {
  const info = await stat(path);
  if ((info.mode & 0o777) !== mode) await chmod(path, mode);
}
