import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthcheckCommand, readComposeFile, repoRoot } from './compose-file.js';

// Runs docker/redis/start-redis.sh against a real redis-server on a free port (the image's
// entrypoint replaced by a pass-through), and talks to it with redis-cli as compose does.

const haveRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const passwords = {
  REDIS_USERS_PASSWORD: 'users-pw-1',
  REDIS_PRODUCTS_PASSWORD: 'products-pw-2',
  REDIS_ORDERS_PASSWORD: 'orders-pw-3',
  REDIS_GATEWAY_PASSWORD: 'gateway-pw-4',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.runIf(haveRedis)('the compose Redis ACL (docker/redis/start-redis.sh)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'fedshop-redis-acl-'));
  const aclFile = join(scratch, 'users.acl');
  let port = 0;
  let redis: ChildProcess | undefined;

  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync('redis-cli', ['-p', String(port), '--no-auth-warning', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });
  const as = (user: string, password: string, ...command: string[]) =>
    cli(['--user', user, ...command], { REDISCLI_AUTH: password }).stdout.trim();

  beforeAll(async () => {
    port = await freePort();
    const bin = join(scratch, 'bin');
    spawnSync('mkdir', [bin]);
    writeFileSync(join(bin, 'docker-entrypoint.sh'), '#!/bin/sh\nexec "$@"\n');
    chmodSync(join(bin, 'docker-entrypoint.sh'), 0o755);
    redis = spawn(
      'sh',
      [
        join(repoRoot, 'docker/redis/start-redis.sh'),
        'redis-server',
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      {
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          FEDSHOP_REDIS_ACL_FILE: aclFile,
          ...passwords,
        },
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 100; i++) {
      if (cli(['ping']).stdout.includes('NOAUTH')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  });

  afterAll(() => {
    redis?.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('when a client has no credentials, then Redis answers NOAUTH', () => {
    expect(cli(['get', 'k']).stdout).toContain('NOAUTH');
  });

  it('when each service logs in with its own password, then it may read and write, not with another one', () => {
    for (const name of ['users', 'products', 'orders', 'gateway']) {
      const password = passwords[`REDIS_${name.toUpperCase()}_PASSWORD` as keyof typeof passwords];
      expect(as(name, password, 'set', `acl-test:${name}`, 'v'), name).toBe('OK');
      expect(as(name, password, 'get', `acl-test:${name}`), name).toBe('v');
      expect(
        cli(['--user', name, 'get', 'k'], { REDISCLI_AUTH: 'users-pw-1x' }).stderr,
        name,
      ).toMatch(/WRONGPASS/);
    }
    expect(as('users', passwords.REDIS_USERS_PASSWORD, 'flushall')).toContain('NOPERM');
  });

  it('when the compose health check runs, then it gets PONG without any secret, and that user can do nothing else', () => {
    const command = healthcheckCommand(readComposeFile().services.redis!).replace(
      /^CMD-SHELL /,
      '',
    );
    const withPort = command.replace('redis-cli ', `redis-cli -p ${port} `);
    expect(spawnSync('sh', ['-c', withPort], { env: { PATH: process.env.PATH } }).status).toBe(0);
    expect(as('healthcheck', 'none', 'get', 'k')).toContain('NOPERM');
  });

  it('when the ACL file is written, then it holds hashes only and is private', () => {
    const acl = spawnSync('cat', [aclFile], { encoding: 'utf8' }).stdout;
    for (const password of Object.values(passwords)) expect(acl).not.toContain(password);
    expect(acl).toMatch(/^user default off$/m);
    expect(statSync(aclFile).mode & 0o777).toBe(0o600);
  });
});
