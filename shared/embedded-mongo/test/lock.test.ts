import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbPathInUseError } from '../src/persistence/dbpath-in-use-error.js';
import {
  acquireDbPathLock,
  lockFileName,
  type DbPathLock,
} from '../src/persistence/dbpath-lock.js';

/** Starts a process that stays alive until killed. */
function startIdleProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

/** The pid of a process that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('dbpath lock', () => {
  let dir: string;
  let lockFile: string;
  const locks: DbPathLock[] = [];
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-lock-'));
    lockFile = join(dir, lockFileName);
  });
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('when the dbpath is free, then mongod.lock holds our pid until released', async () => {
    const lock = await acquireDbPathLock(dir);

    expect(lock.file).toBe(lockFile);
    expect((await readFile(lockFile, 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('when the lock is held, then a second acquire refuses with the pid and lock file in the message', async () => {
    locks.push(await acquireDbPathLock(dir));

    const attempt = acquireDbPathLock(dir);
    await expect(attempt).rejects.toBeInstanceOf(DbPathInUseError);
    await expect(attempt).rejects.toThrow(
      `dbpath ${dir} is in use by process ${process.pid} (lock file ${lockFile})`,
    );
  });

  it('when another live process owns the lock, then it is not taken over', async () => {
    const child = startIdleProcess();
    children.push(child);
    await writeFile(lockFile, `${child.pid}\n`);

    await expect(acquireDbPathLock(dir)).rejects.toThrow(`is in use by process ${child.pid}`);
    expect((await readFile(lockFile, 'utf8')).trim()).toBe(String(child.pid));
  });

  it('when the lock was left by a dead process, then it is taken over', async () => {
    await writeFile(lockFile, `${await deadPid()}\n`);

    const lock = await acquireDbPathLock(dir);
    locks.push(lock);

    expect((await readFile(lockFile, 'utf8')).trim()).toBe(String(process.pid));
    expect(await readdir(dir)).toEqual([lockFileName]);
  });

  it('when the lock file is empty (a crash right after creating it), then it is taken over', async () => {
    await writeFile(lockFile, '');

    locks.push(await acquireDbPathLock(dir));

    expect((await readFile(lockFile, 'utf8')).trim()).toBe(String(process.pid));
  });

  it('when the lock file now belongs to someone else, then release leaves it alone', async () => {
    const lock = await acquireDbPathLock(dir);
    await writeFile(lockFile, '999999999\n');

    await lock.release();

    expect(await readFile(lockFile, 'utf8')).toBe('999999999\n');
  });
});
