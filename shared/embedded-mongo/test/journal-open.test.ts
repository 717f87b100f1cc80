import { mkdtemp, readFile, readdir, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openFileJournal,
  journalFileName,
  type FileJournal,
} from '../src/persistence/file-journal.js';
import type { JournalRecord } from '../src/persistence/journal-record.js';

function put(id: number, value = `v${id}`): JournalRecord {
  return { op: 'put', db: 'shop', coll: 'items', doc: { _id: id, value } };
}

describe('openFileJournal', () => {
  let root: string;
  let dir: string;
  const open: FileJournal[] = [];
  const warnings: string[] = [];
  const logger = { info: () => {}, warn: (m: string) => void warnings.push(m) };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'embedded-mongo-open-'));
    dir = join(root, 'db', 'nested');
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const journal of open.splice(0)) await journal.close().catch(() => {});
    await rm(root, { recursive: true, force: true });
  });

  async function openJournal(snapshot: () => Iterable<JournalRecord> = () => []) {
    const opened = await openFileJournal({ dir, snapshot, logger });
    open.push(opened.persistence);
    return opened;
  }

  it('when the dbpath does not exist, then it is created with a lock and an empty journal', async () => {
    const { records } = await openJournal();

    expect(records).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([journalFileName, 'mongod.lock']);
  });

  it('when reopened after close, then the appended records come back and the lock is gone meanwhile', async () => {
    const first = await openJournal();
    await first.persistence.append([put(1), put(2)]);
    await first.persistence.append([{ op: 'delete', db: 'shop', coll: 'items', id: 1 }]);
    await first.persistence.close();
    expect(await readdir(dir)).toEqual([journalFileName]);

    const second = await openJournal();

    expect(second.records).toEqual([
      put(1),
      put(2),
      { op: 'delete', db: 'shop', coll: 'items', id: 1 },
    ]);
  });

  it('when the dbpath is open, then opening it again fails with the in-use message, and works after close', async () => {
    const first = await openJournal();

    await expect(openFileJournal({ dir, snapshot: () => [], logger })).rejects.toThrow(
      `dbpath ${dir} is in use by process ${process.pid} (lock file ${join(dir, 'mongod.lock')})`,
    );
    await first.persistence.close();
    await expect(openJournal()).resolves.toBeDefined();
  });

  it('when the journal has a garbage tail, then it is dropped with a warning and new appends follow the intact part', async () => {
    const first = await openJournal();
    await first.persistence.append([put(1)]);
    await first.persistence.close();
    await appendFile(join(dir, journalFileName), Buffer.from('torn write garbage'));

    const second = await openJournal();
    expect(second.records).toEqual([put(1)]);
    expect(warnings.join('\n')).toMatch(
      /dropped a torn tail of 18 bytes at offset \d+ of .*journal/,
    );
    await second.persistence.append([put(2)]);
    await second.persistence.close();

    const third = await openJournal();
    expect(third.records).toEqual([put(1), put(2)]);
  });

  it('when the journal is corrupt in the middle, then open fails naming file and offset and releases the lock', async () => {
    const first = await openJournal();
    await first.persistence.append([put(1)]);
    await first.persistence.append([put(2)]);
    await first.persistence.close();
    const file = join(dir, journalFileName);
    const image = await readFile(file);
    image[12] = image[12]! ^ 0xff;
    await writeFile(file, image);

    await expect(openFileJournal({ dir, snapshot: () => [], logger })).rejects.toThrow(
      `journal ${file} is corrupt at byte offset 0`,
    );
    expect(await readdir(dir)).toEqual([journalFileName]);
  });

  it('when a compaction was interrupted before its rename, then the leftover journal.tmp is discarded', async () => {
    const first = await openJournal();
    await first.persistence.append([put(1)]);
    await first.persistence.close();
    await writeFile(join(dir, `${journalFileName}.tmp`), 'half a snapshot');

    const second = await openJournal();

    expect(second.records).toEqual([put(1)]);
    expect((await readdir(dir)).sort()).toEqual([journalFileName, 'mongod.lock']);
  });

  it('when compacted, then the journal shrinks and replays to the same records', async () => {
    const store = new Map<number, string>();
    const opened = await openJournal(function* () {
      for (const [id, value] of store) yield put(id, value);
    });
    for (let i = 0; i < 100; i++) {
      store.set(i % 10, `v${i}`);
      await opened.persistence.append([put(i % 10, `v${i}`)]);
    }
    const before = (await stat(join(dir, journalFileName))).size;
    await opened.persistence.compact();
    await opened.persistence.close();

    expect((await stat(join(dir, journalFileName))).size).toBeLessThan(before / 5);
    const reopened = await openJournal();
    expect(reopened.records).toEqual([...store].map(([id, value]) => put(id, value)));
  });
});
