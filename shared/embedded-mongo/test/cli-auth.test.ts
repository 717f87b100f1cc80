import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliReady, runCli } from './support/cli-process.js';
import { credentialUri } from './support/credential-uri.js';

describe('embedded-mongo CLI --auth-file', () => {
  let dir: string;
  const kills: (() => void)[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-cli-auth-'));
  });
  afterEach(async () => {
    for (const kill of kills.splice(0)) kill();
    await rm(dir, { recursive: true, force: true });
  });

  function run(args: string[]) {
    const cli = runCli(args);
    kills.push(() => cli.kill());
    return cli;
  }

  async function authFile(content: string, mode = 0o600): Promise<string> {
    const file = join(dir, 'users.json');
    await writeFile(file, content, { mode });
    await chmod(file, mode);
    return file;
  }

  it('when given a private credentials file, then only its users are served', async () => {
    const file = await authFile(
      JSON.stringify({ users: [{ username: 'svc', password: 's3cret', db: 'shop' }] }),
    );
    const cli = run(['--port', '0', '--auth-file', file]);
    const uri = await cliReady(cli);
    expect(cli.stdout()).toBe(
      `embedded-mongo ready: ${uri} (in memory, SCRAM-SHA-256 authentication required)\n`,
    );
    expect(cli.stderr()).not.toContain('authentication is disabled');
    const anonymous = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    const svc = new MongoClient(credentialUri(uri, 'svc', 's3cret', 'shop'), {
      serverSelectionTimeoutMS: 5_000,
    });
    try {
      await expect(anonymous.db('shop').collection('c').findOne()).rejects.toMatchObject({
        code: 13,
      });
      await svc.db('shop').collection('c').insertOne({ a: 1 });
      expect(await svc.db('shop').collection('c').countDocuments()).toBe(1);
    } finally {
      await anonymous.close(true);
      await svc.close(true);
    }
  });

  it('when started without it, then it warns on stderr that authentication is disabled', async () => {
    const cli = run(['--port', '0']);
    await cliReady(cli);
    expect(cli.stderr()).toContain('embedded-mongo: warning: authentication is disabled');
  });

  it('when the file is readable by others, then it refuses to start and says how to fix it', async () => {
    const file = await authFile(
      JSON.stringify({ users: [{ username: 'a', password: 'b' }] }),
      0o644,
    );
    const cli = run(['--port', '0', '--auth-file', file]);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toContain(
      `the auth file ${file} is accessible by others (mode 0644); make it private: chmod 600`,
    );
  });

  it('when the file is not valid, then it refuses to start naming the problem', async () => {
    const results = await Promise.all(
      ['{"users": [', '{"users": []}', '{"users": [{"username": "a"}]}'].map(async (content, i) => {
        const file = join(dir, `bad-${i}.json`);
        await writeFile(file, content, { mode: 0o600 });
        const cli = run(['--port', '0', '--auth-file', file]);
        return { code: (await cli.exited).code, stderr: cli.stderr(), file };
      }),
    );
    expect(results.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(results[0]!.stderr).toContain(`the auth file ${results[0]!.file} is not valid JSON`);
    expect(results[1]!.stderr).toContain('users must be a non-empty array');
    expect(results[2]!.stderr).toContain('users[0].password must be a non-empty string');
    const missing = run(['--port', '0', '--auth-file', join(dir, 'nope.json')]);
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr()).toContain('ENOENT');
  });
});
