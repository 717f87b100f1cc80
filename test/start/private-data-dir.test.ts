import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDataDirPrivate } from '../../scripts/lib/private-data-dir.js';
import { expectPrivateTree } from './private-tree.js';

describe('makeDataDirPrivate', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fedshop-private-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('when DATA_DIR does not exist, then it is created 0700 (parents too)', async () => {
    const dataDir = join(root, 'a', 'data');
    await makeDataDirPrivate(dataDir);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, 'a'))).mode & 0o777).toBe(0o700);
  });

  it('when DATA_DIR holds files and folders open to others, then all become 0600 / 0700, links untouched', async () => {
    const dataDir = join(root, 'data');
    await mkdir(join(dataDir, 'users'), { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    await chmod(join(dataDir, 'users'), 0o775);
    await writeFile(join(dataDir, 'users', 'journal'), 'x', { mode: 0o644 });
    await writeFile(join(dataDir, 'jwt-secret'), 'y', { mode: 0o666 });
    await chmod(join(dataDir, 'jwt-secret'), 0o666);
    const outside = join(root, 'outside');
    await writeFile(outside, 'z', { mode: 0o644 });
    await chmod(outside, 0o644);
    await symlink(outside, join(dataDir, 'link'));

    await makeDataDirPrivate(dataDir);

    await expectPrivateTree(dataDir);
    expect((await stat(outside)).mode & 0o777).toBe(0o644);
  });
});
