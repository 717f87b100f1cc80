import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/embedded-mongo.js', import.meta.url));

interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('embedded-mongo CLI', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-cli-'));
  });
  afterEach(async () => {
    // The shim runs the server as its child: kill the whole process group.
    for (const child of children.splice(0)) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  function run(args: string[]): CliRun {
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
  }

  async function ready(cli: CliRun): Promise<string> {
    for (;;) {
      const match = /mongodb:\/\/\S+/.exec(cli.stdout());
      if (match) return match[0];
      const done = await Promise.race([
        cli.exited,
        new Promise((r) => setTimeout(r, 20, undefined)),
      ]);
      if (done) throw new Error(`exited before ready: ${JSON.stringify(done)} ${cli.stderr()}`);
    }
  }

  it('when an argument is unknown or malformed, then it prints the usage and exits with 2', async () => {
    const results = await Promise.all(
      [
        ['--port', '0', '--bogus'],
        ['--port', 'eighty'],
        ['--dbpath', dir],
        ['--port', '0', 'extra'],
      ].map(async (args) => {
        const cli = run(args);
        return { ...(await cli.exited), stderr: cli.stderr() };
      }),
    );

    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'Usage: embedded-mongo --port <n> [--host 127.0.0.1] [--dbpath <dir>]',
      );
    }
    expect(results[0]!.stderr).toContain("'--bogus'");
    expect(results[1]!.stderr).toContain("--port must be an integer from 0 to 65535, got 'eighty'");
    expect(results[2]!.stderr).toContain('--port is required');
  });

  it('when started, then it prints one line with the connection string, serves it, and SIGTERM stops it cleanly', async () => {
    const dbPath = join(dir, 'db');
    const cli = run(['--port', '0', '--host', '127.0.0.1', '--dbpath', dbPath]);
    const uri = await ready(cli);

    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.stdout()).toBe(`embedded-mongo ready: ${uri} (dbpath ${dbPath})\n`);
    const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 }).connect();
    try {
      await client.db('shop').collection('items').insertOne({ sku: 'a-1' });
      expect(await client.db('shop').collection('items').countDocuments()).toBe(1);
    } finally {
      await client.close(true);
    }
    expect((await readFile(join(dbPath, 'mongod.lock'), 'utf8')).trim()).toMatch(/^\d+$/);

    process.kill(cli.child.pid!, 'SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(await readdir(dbPath)).toEqual(['journal']);
  });

  it('when sent SIGINT without a dbpath, then it exits with 0', async () => {
    const cli = run(['--port', '0']);
    await ready(cli);

    expect(cli.stdout()).toMatch(
      /^embedded-mongo ready: mongodb:\/\/127\.0\.0\.1:\d+ \(in memory\)\n$/,
    );
    process.kill(cli.child.pid!, 'SIGINT');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('when a second server is started on the same dbpath, then it refuses with the owner pid and exits with 1', async () => {
    const dbPath = join(dir, 'db');
    const first = run(['--port', '0', '--dbpath', dbPath]);
    await ready(first);
    const owner = (await readFile(join(dbPath, 'mongod.lock'), 'utf8')).trim();

    const second = run(['--port', '0', '--dbpath', dbPath]);

    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toContain(
      `dbpath ${dbPath} is in use by process ${owner} (lock file ${join(dbPath, 'mongod.lock')})`,
    );
    expect(second.stdout()).toBe('');
  });

  it('when the journal is corrupt in the middle, then it refuses to start naming the file and offset', async () => {
    const dbPath = join(dir, 'db');
    const first = run(['--port', '0', '--dbpath', dbPath]);
    const client = await new MongoClient(await ready(first), {
      serverSelectionTimeoutMS: 10_000,
    }).connect();
    try {
      await client
        .db('shop')
        .collection('items')
        .insertOne({ _id: 1 as never });
      await client
        .db('shop')
        .collection('items')
        .insertOne({ _id: 2 as never });
    } finally {
      await client.close(true);
    }
    process.kill(first.child.pid!, 'SIGTERM');
    await first.exited;
    const journal = join(dbPath, 'journal');
    const image = await readFile(journal);
    image[12] = image[12]! ^ 0xff;
    await writeFile(journal, image);

    const second = run(['--port', '0', '--dbpath', dbPath]);

    expect((await second.exited).code).toBe(1);
    expect(second.stderr()).toContain(`journal ${journal} is corrupt at byte offset 0`);
    expect(await readFile(journal)).toEqual(image);
  });
});
