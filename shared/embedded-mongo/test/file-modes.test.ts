import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '@fedshop/embedded-mongo';
import { openFileJournal } from '../src/persistence/file-journal.js';
import { Store } from '../src/store/store.js';

// The store's files hold every document; only their owner may open them (issue 10):
// files 0600, folders 0700, whatever the umask lets through by default.

async function mode(path: string): Promise<string> {
  return ((await stat(path)).mode & 0o777).toString(8);
}

describe('file modes of a dbpath', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-modes-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when a server starts on a new nested dbpath, then the folders are 0700 and the journal and lock 0600', async () => {
    const previous = process.umask(0o022);
    const dbPath = join(dir, 'data', 'users');
    try {
      const server = await startEmbeddedMongo({ port: 0, dbPath });
      const client = await new MongoClient(server.uri).connect();
      try {
        await client.db('shop').collection('users').insertOne({ email: 'a@b' });
        expect(await mode(join(dir, 'data'))).toBe('700');
        expect(await mode(dbPath)).toBe('700');
        expect(await mode(join(dbPath, 'journal'))).toBe('600');
        expect(await mode(join(dbPath, 'mongod.lock'))).toBe('600');
      } finally {
        await client.close();
        await server.stop();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('when an existing dbpath and journal are open to others, then the start makes them private', async () => {
    const dbPath = join(dir, 'db');
    await mkdir(dbPath, { mode: 0o755 });
    await chmod(dbPath, 0o755);
    await writeFile(join(dbPath, 'journal'), '', { mode: 0o644 });
    await chmod(join(dbPath, 'journal'), 0o644);
    const server = await startEmbeddedMongo({ port: 0, dbPath });
    try {
      expect(await mode(dbPath)).toBe('700');
      expect(await mode(join(dbPath, 'journal'))).toBe('600');
    } finally {
      await server.stop();
    }
  });

  it('when the journal is compacted, then the new journal is 0600 too (also over a leftover 0644 temp file)', async () => {
    const previous = process.umask(0o022);
    try {
      const holder: { store?: Store } = {};
      const opened = await openFileJournal({
        dir,
        snapshot: () => holder.store!.snapshot(),
        logger: { info: () => {}, warn: () => {} },
      });
      const store = new Store(opened.persistence);
      holder.store = store;
      try {
        store.ensureCollection('shop', 'users').insert({ email: 'a@b' });
        await store.flush();
        await writeFile(join(dir, 'journal.tmp'), 'leftover', { mode: 0o644 });
        await chmod(join(dir, 'journal.tmp'), 0o644);
        await opened.persistence.compact();
        expect(opened.persistence.compactions).toBe(1);
        expect(await readdir(dir)).toEqual(expect.not.arrayContaining(['journal.tmp']));
        expect(await mode(join(dir, 'journal'))).toBe('600');
        expect(await mode(dir)).toBe('700');
      } finally {
        await opened.persistence.close();
      }
    } finally {
      process.umask(previous);
    }
  });
});
