import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '@fedshop/embedded-mongo';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;

interface SeedRun {
  code: number;
  output: string;
}

/** `npm run seed` without npm in between, against DATA_DIR's embedded stores. */
function runSeed(): Promise<SeedRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
  };
  for (const variable of ['JWT_SECRET', 'USERS_MONGODB_URI', 'PRODUCTS_MONGODB_URI']) {
    delete env[variable];
  }
  for (const variable of ['SEED_ADMIN_EMAIL', 'SEED_ADMIN_PASSWORD', 'SEED_DEMO_PRODUCTS']) {
    delete env[variable];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@fedshop/source', '--import', 'tsx', 'scripts/seed.ts'],
      { cwd: repoRoot, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fedshop-seed-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run seed', () => {
  it('when the stores are empty, then the admin and the demo products are created', async () => {
    const { code, output } = await runSeed();
    expect(code, output).toBe(0);
    expect(output).toMatch(/admin \S+@\S+: created/);
    expect(output).toMatch(/demo products: [1-9]\d* added/);
  }, 90_000);

  it('when a running system holds the users store, then it exits 1 saying so', async () => {
    const running = await startEmbeddedMongo({ dbPath: join(dataDir, 'users') });
    try {
      const { code, output } = await runSeed();
      expect(code).toBe(1);
      expect(output).toContain(
        `The users database in ${join(dataDir, 'users')} is in use by process ${process.pid}`,
      );
      expect(output).toContain('USERS_MONGODB_URI');
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      await running.stop();
    }
  }, 90_000);
});
