import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureJwtSecret } from '../../scripts/lib/jwt-secret.js';
import { LauncherError } from '../../scripts/lib/launcher-error.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fedshop-jwt-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('ensureJwtSecret', () => {
  it('when JWT_SECRET is unset, then a secret is generated once into DATA_DIR/jwt-secret with mode 0600', async () => {
    const first = await ensureJwtSecret(undefined, join(dataDir, 'nested'));
    const file = join(dataDir, 'nested', 'jwt-secret');
    expect(first).toMatchObject({ source: 'generated', file });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.secret);

    const second = await ensureJwtSecret(undefined, join(dataDir, 'nested'));
    expect(second).toEqual({ secret: first.secret, source: 'file', file });
  });

  it('when JWT_SECRET is set, then it is used and nothing is written', async () => {
    const secret = 'x'.repeat(40);
    await expect(ensureJwtSecret(secret, dataDir)).resolves.toEqual({
      secret,
      source: 'environment',
    });
    await expect(stat(join(dataDir, 'jwt-secret'))).rejects.toThrow('ENOENT');
  });

  it('when JWT_SECRET is too short, then a LauncherError names the variable', async () => {
    const failure = ensureJwtSecret('short', dataDir);
    await expect(failure).rejects.toBeInstanceOf(LauncherError);
    await expect(failure).rejects.toThrow('JWT_SECRET must be at least 32 characters');
  });

  it('when the kept file is readable by others, then it is tightened to 0600', async () => {
    const file = join(dataDir, 'jwt-secret');
    await writeFile(file, `${'k'.repeat(48)}\n`, { mode: 0o644 });
    const result = await ensureJwtSecret(undefined, dataDir);
    expect(result.secret).toBe('k'.repeat(48));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
