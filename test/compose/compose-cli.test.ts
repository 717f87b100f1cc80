import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialVariables, placeholderShell, repoRoot } from './compose-file.js';

/** `docker compose` (v2 plugin) or `docker-compose`: both check a file without an engine. */
function findComposeCli(): string[] | undefined {
  const candidates = [['docker', 'compose'], ['docker-compose']];
  return candidates.find(([command, ...args]) => {
    const probe = spawnSync(command!, [...args, 'version'], { stdio: 'ignore' });
    return probe.status === 0;
  });
}

const composeCli = findComposeCli();
// An empty env file: a developer's own `.env` must not change the outcome.
const scratch = mkdtempSync(join(tmpdir(), 'fedshop-compose-'));
const emptyEnvFile = join(scratch, 'empty.env');
writeFileSync(emptyEnvFile, '');
// Where `npm run keys` would have written the key files (compose only checks the paths).
const keysDir = join(scratch, 'keys');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function composeConfig(env: NodeJS.ProcessEnv) {
  const [command, ...args] = composeCli!;
  return spawnSync(command!, [...args, '--env-file', emptyEnvFile, 'config', '--quiet'], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
}

// Only where a compose CLI is installed; the YAML-level checks in docker-compose.test.ts run everywhere.
describe.runIf(composeCli)('docker compose config', () => {
  it('when FEDSHOP_KEYS_DIR is set, then compose accepts the file', () => {
    const result = composeConfig({
      ...process.env,
      ...placeholderShell(credentialVariables),
      FEDSHOP_KEYS_DIR: keysDir,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('when FEDSHOP_KEYS_DIR is missing, then compose refuses with a message naming it', () => {
    const env = { ...process.env, ...placeholderShell(credentialVariables) };
    delete env.FEDSHOP_KEYS_DIR;
    const result = composeConfig(env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set FEDSHOP_KEYS_DIR');
  });

  it('when a database or Redis password is missing, then compose refuses with a message naming it', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...placeholderShell(credentialVariables),
      FEDSHOP_KEYS_DIR: keysDir,
    };
    delete env.ORDERS_DB_PASSWORD;
    const result = composeConfig(env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set ORDERS_DB_PASSWORD');
  });
});
