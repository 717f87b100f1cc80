import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Makes `DATA_DIR` private to the user: creates it 0700 and tightens everything already in
 * it (folders 0700, files 0600), e.g. left by an older version or copied in. It holds the
 * stores' journals, their credentials and the JWT secret. Symbolic links are left alone
 * (their targets are not ours to change).
 */
export async function makeDataDirPrivate(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await tighten(dataDir);
}

async function tighten(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    if ((info.mode & 0o777) !== 0o700) await chmod(path, 0o700);
    for (const entry of await readdir(path)) await tighten(join(path, entry));
  } else if ((info.mode & 0o077) !== 0 || (info.mode & 0o600) !== 0o600) {
    await chmod(path, 0o600);
  }
}
