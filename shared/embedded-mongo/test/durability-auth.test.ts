import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliReady, runCli } from './support/cli-process.js';
import { credentialUri } from './support/credential-uri.js';

// A crash with authentication on: acknowledged writes and users made by createUser
// survive a SIGKILL, and the restarted server still refuses anonymous clients.

describe('durability across a kill -9 with authentication on', () => {
  let dir: string;
  const kills: (() => void)[] = [];
  const clients: MongoClient[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-durability-auth-'));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close(true).catch(() => {});
    for (const kill of kills.splice(0)) kill();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(dbPath: string, authFile: string) {
    const cli = runCli(['--port', '0', '--dbpath', dbPath, '--auth-file', authFile], {
      fromSource: true,
    });
    kills.push(() => cli.kill());
    return { cli, uri: await cliReady(cli) };
  }

  function client(uri: string): MongoClient {
    const c = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, retryWrites: false });
    clients.push(c);
    return c;
  }

  it('when the server is SIGKILLed while an authenticated client writes, then writes and users are back', async () => {
    const dbPath = join(dir, 'db');
    const authFile = join(dir, 'users.json');
    const users = [
      { username: 'root', password: 'root-pw' },
      { username: 'svc', password: 'svc-pw', db: 'shop' },
    ];
    await writeFile(authFile, JSON.stringify({ users }), { mode: 0o600 });

    const first = await start(dbPath, authFile);
    const root = client(credentialUri(first.uri, 'root', 'root-pw', 'admin'));
    await root.db('shop2').command({ createUser: 'late', pwd: 'late-pw', roles: [] });
    const svc = client(credentialUri(first.uri, 'svc', 'svc-pw', 'shop'));
    const items = svc.db('shop').collection<{ _id: string }>('items');
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        await items.insertOne({ _id: `i${i}` });
        acknowledged.push(`i${i}`);
      }
    })().catch(() => {});
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    first.cli.kill();
    stop = true;
    expect((await first.cli.exited).signal).toBe('SIGKILL');
    await writer;

    const second = await start(dbPath, authFile);
    const svcAgain = client(credentialUri(second.uri, 'svc', 'svc-pw', 'shop'));
    const ids = new Set(
      (await svcAgain.db('shop').collection('items').find().toArray()).map((d) => String(d._id)),
    );
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    const late = client(credentialUri(second.uri, 'late', 'late-pw', 'shop2'));
    await expect(late.db('shop2').collection('c').insertOne({ a: 1 })).resolves.toBeTruthy();
    await expect(client(second.uri).db('shop').collection('items').findOne()).rejects.toMatchObject(
      { code: 13, message: 'Command find requires authentication' },
    );
    expect((await stat(join(dbPath, 'journal'))).mode & 0o777).toBe(0o600);
    expect((await stat(dbPath)).mode & 0o777).toBe(0o700);
  });
});
