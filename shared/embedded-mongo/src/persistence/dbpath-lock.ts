import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DbPathInUseError } from './dbpath-in-use-error.js';
import { syncDirectory } from './durable-fs.js';
import { privateFileMode } from './private-files.js';

/** Name of the lock file inside the dbpath, as mongod names its own. */
export const lockFileName = 'mongod.lock';

/** A held dbpath lock. */
export interface DbPathLock {
  /** Path of the lock file. */
  readonly file: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes the dbpath lock: `mongod.lock`, created exclusively, holding this process's pid.
 * A lock left by a process that no longer exists is taken over; a live owner (this
 * process included) makes it throw {@link DbPathInUseError}.
 */
export async function acquireDbPathLock(dir: string): Promise<DbPathLock> {
  const file = join(dir, lockFileName);
  // Two rounds: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createExclusively(file)) {
      await syncDirectory(dir);
      return { file, release: () => releaseIfOurs(file) };
    }
    const owner = await readOwner(file);
    if (owner === undefined) continue; // removed meanwhile: try again
    if (isAlive(owner)) throw new DbPathInUseError(dir, owner, file);
    await removeStaleLock(file, owner);
  }
  const owner = (await readOwner(file)) ?? 0;
  throw new DbPathInUseError(dir, owner, file);
}

async function createExclusively(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', privateFileMode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(`${process.pid}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * The pid in the lock file, `undefined` when the file is gone. An empty or unreadable
 * file (a crash between create and write) counts as pid 0, i.e. stale.
 */
async function readOwner(file: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside under a name of our own (rename is atomic, so of two
 * processes taking over at once only one gets it), then checks that what it moved is
 * still the stale lock: if another process had just replaced it with a live lock, that
 * lock is put back.
 */
async function removeStaleLock(file: string, stalePid: number): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (moved !== stalePid) await link(aside, file).catch(() => {});
  await rm(aside, { force: true });
}

async function releaseIfOurs(file: string): Promise<void> {
  if ((await readOwner(file)) === process.pid) await rm(file, { force: true });
}
