import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '@fedshop/embedded-mongo';
import { openFileJournal } from '../src/persistence/file-journal.js';

describe('start-up that fails during replay', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-start-failure-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when a journal record cannot be replayed, then start fails and the dbpath lock is released', async () => {
    const { persistence } = await openFileJournal({ dir, snapshot: () => [] });
    await persistence.append([{ op: 'createCollection', db: 'shop', coll: 'bad$name' }]);
    await persistence.close();

    await expect(startEmbeddedMongo({ port: 0, dbPath: dir })).rejects.toThrow(
      /Invalid collection name/,
    );
    expect(await readdir(dir)).not.toContain('mongod.lock');
    // A second attempt meets the same record, not a lock held by the first.
    await expect(startEmbeddedMongo({ port: 0, dbPath: dir })).rejects.toThrow(
      /Invalid collection name/,
    );
  });
});
