import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Asserts that every folder under `dir` (itself included) is 0700 and every file 0600. */
export async function expectPrivateTree(dir: string): Promise<void> {
  const info = await lstat(dir);
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    expect((info.mode & 0o777).toString(8), dir).toBe('700');
    for (const entry of await readdir(dir)) await expectPrivateTree(join(dir, entry));
  } else {
    expect((info.mode & 0o777).toString(8), dir).toBe('600');
  }
}
