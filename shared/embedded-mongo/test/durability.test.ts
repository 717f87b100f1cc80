import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const cliSource = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

interface RunningServer {
  child: ChildProcess;
  uri: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the CLI from source in its own process (not through the bin shim, so that the
 * pid killed is the server's own) and waits for its ready line.
 */
async function startServer(dbPath: string, children: ChildProcess[]): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    ['--conditions=@fedshop/source', '--import', tsx, cliSource, '--port', '0', '--dbpath', dbPath],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const uri = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /mongodb:\/\/\S+/.exec(stdout);
      if (match) resolve(match[0]);
    });
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, uri, stderr: () => stderr, exited };
}

async function connect(uri: string, clients: MongoClient[]): Promise<MongoClient> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, retryWrites: false });
  clients.push(client);
  return client.connect();
}

describe('durability across a kill -9', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  const clients: MongoClient[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-durability-'));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close(true).catch(() => {});
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('when the server is SIGKILLed while clients write, then every acknowledged write is back after restart', async () => {
    const dbPath = join(dir, 'db');
    const acknowledged = new Set<string>();
    let acknowledgedCounter = 0;

    for (let crash = 0; crash < 2; crash++) {
      const server = await startServer(dbPath, children);
      const client = await connect(server.uri, clients);
      const items = client
        .db('shop')
        .collection<{ _id: string; crash: number; payload: string }>('items');
      const counters = client.db('shop').collection<{ _id: string; n: number }>('counters');
      if (crash === 0) await items.createIndex({ crash: 1 });

      let stop = false;
      const inserter = async (worker: number) => {
        for (let i = 0; !stop; i++) {
          const _id = `c${crash}-w${worker}-${i}`;
          await items.insertOne({ _id, crash, payload: `payload of ${_id}` });
          acknowledged.add(_id);
        }
      };
      const batcher = async () => {
        for (let i = 0; !stop; i++) {
          const docs = Array.from({ length: 20 }, (_, k) => ({
            _id: `c${crash}-b${i}-${k}`,
            crash,
            payload: 'batch',
          }));
          await items.insertMany(docs);
          for (const doc of docs) acknowledged.add(doc._id);
        }
      };
      const incrementer = async () => {
        while (!stop) {
          const after = await counters.findOneAndUpdate(
            { _id: 'hits' },
            { $inc: { n: 1 } },
            { upsert: true, returnDocument: 'after' },
          );
          acknowledgedCounter = Math.max(acknowledgedCounter, after?.n ?? 0);
        }
      };
      const writers = [0, 1, 2, 3]
        .map(inserter)
        .concat(batcher(), incrementer())
        .map((w) => w.catch(() => {}));

      // Let writes flow, then pull the plug in the middle of them.
      const target = acknowledged.size + 300;
      let writersStopped = false;
      void Promise.all(writers).then(() => (writersStopped = true));
      while (acknowledged.size < target && !writersStopped) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(writersStopped, 'writers failed before the crash').toBe(false);
      server.child.kill('SIGKILL');
      stop = true;
      expect((await server.exited).signal).toBe('SIGKILL');
      await Promise.all(writers);
      await client.close(true);
    }

    const server = await startServer(dbPath, children);
    const client = await connect(server.uri, clients);
    const found = await client.db('shop').collection('items').find({}).toArray();
    const ids = new Set(found.map((d) => String(d['_id'])));
    const missing = [...acknowledged].filter((id) => !ids.has(id));

    expect(acknowledged.size).toBeGreaterThanOrEqual(600);
    expect(missing).toEqual([]);
    for (const doc of found) expect(doc['payload']).toMatch(/^payload of |^batch$/);
    const counter = await client
      .db('shop')
      .collection('counters')
      .findOne({ _id: 'hits' as never });
    expect(counter?.['n']).toBeGreaterThanOrEqual(acknowledgedCounter);
    const indexes = await client.db('shop').collection('items').indexes();
    expect(indexes.map((i) => i.name)).toContain('crash_1');
  });

  it('when garbage is appended to the journal, then the restarted server drops it and serves the earlier data', async () => {
    const dbPath = join(dir, 'db');
    const first = await startServer(dbPath, children);
    const client = await connect(first.uri, clients);
    await client
      .db('shop')
      .collection('items')
      .insertMany([{ _id: 1 as never }, { _id: 2 as never }]);
    await client.close(true);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    await appendFile(
      join(dbPath, 'journal'),
      Buffer.from([0x42, 0x00, 0x00, 0x00, 0xde, 0xad, 0xbe]),
    );

    const second = await startServer(dbPath, children);
    const reader = await connect(second.uri, clients);
    const docs = await reader.db('shop').collection('items').find({}).toArray();

    expect(docs.map((d) => d['_id'])).toEqual([1, 2]);
    expect(second.stderr()).toMatch(/dropped a torn tail of 7 bytes/);
    expect((await readFile(join(dbPath, 'mongod.lock'), 'utf8')).trim()).toBe(
      String(second.child.pid),
    );
  });
});
