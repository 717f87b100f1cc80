import { mkdtemp, open, readFile, readdir, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJournal } from '../src/persistence/journal-file.js';
import type { JournalLogger } from '../src/persistence/journal-logger.js';
import type { JournalRecord } from '../src/persistence/journal-record.js';
import { JournalWriteError } from '../src/persistence/journal-write-error.js';
import { JournalWriter } from '../src/persistence/journal-writer.js';

const quietLogger: JournalLogger = { info: () => {}, warn: () => {} };

function put(id: number, value: string = `v${id}`): JournalRecord {
  return { op: 'put', db: 'shop', coll: 'items', doc: { _id: id, value } };
}

/** A toy store: what replaying records yields, keyed by _id. */
function replay(records: JournalRecord[]): Map<unknown, unknown> {
  const docs = new Map<unknown, unknown>();
  for (const r of records) {
    if (r.op === 'put') docs.set(r.doc['_id'], r.doc['value']);
    if (r.op === 'delete') docs.delete(r.id);
  }
  return docs;
}

/** Wraps a real handle, counting fdatasyncs and failing on demand. */
function instrument(handle: FileHandle) {
  const state = { datasyncs: 0, failWrite: false, failSync: false };
  const wrapped = new Proxy(handle, {
    get(target, key) {
      if (key === 'datasync') {
        return async () => {
          state.datasyncs += 1;
          if (state.failSync)
            throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
          return target.datasync();
        };
      }
      if (key === 'write' && state.failWrite) {
        return async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
          });
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { handle: wrapped, state };
}

describe('journal writer', () => {
  let dir: string;
  let file: string;
  let writer: JournalWriter | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-writer-'));
    file = join(dir, 'journal');
  });
  afterEach(async () => {
    await writer?.close().catch(() => {});
    writer = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function openWriter(
    overrides: { compactAfterBytes?: number; snapshot?: () => Iterable<JournalRecord> } = {},
  ) {
    const { handle, state } = instrument(await open(file, 'a'));
    writer = new JournalWriter({
      file,
      handle,
      size: 0,
      snapshot: overrides.snapshot ?? (() => []),
      compactAfterBytes: overrides.compactAfterBytes ?? Number.MAX_SAFE_INTEGER,
      logger: quietLogger,
    });
    return { writer, state };
  }

  it('when an append resolves, then its frame is already in the file', async () => {
    const { writer } = await openWriter();
    for (let i = 0; i < 5; i++) {
      await writer.append([put(i)]);
      const contents = parseJournal(await readFile(file), file);
      expect(contents.frames).toBe(i + 1);
      expect(contents.tornTailBytes).toBe(0);
    }
  });

  it('when many appends arrive at once, then they share a few fdatasyncs and each resolves with its records durable, in order', async () => {
    const { writer, state } = await openWriter();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => writer.append([put(i), put(i + 1000)])),
    );

    expect(state.datasyncs).toBeLessThan(20);
    const contents = parseJournal(await readFile(file), file);
    expect(contents.frames).toBe(200);
    expect(contents.records.map((r) => (r.op === 'put' ? r.doc['_id'] : null))).toEqual(
      Array.from({ length: 200 }, (_, i) => [i, i + 1000]).flat(),
    );
    expect(writer.size).toBe((await readFile(file)).length);
  });

  it('when the caller changes a document after appending it, then the journal keeps the appended state', async () => {
    const { writer } = await openWriter();
    const doc = { _id: 1, value: 'before' };
    const appended = writer.append([{ op: 'put', db: 'd', coll: 'c', doc }]);
    doc.value = 'after';
    await appended;

    expect(replay(parseJournal(await readFile(file), file).records).get(1)).toBe('before');
  });

  it('when fdatasync fails, then the waiting appends and every later one reject and nothing is acknowledged', async () => {
    const { writer, state } = await openWriter();
    await writer.append([put(1)]);
    state.failSync = true;
    const results = await Promise.allSettled([writer.append([put(2)]), writer.append([put(3)])]);
    state.failSync = false;

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const reason = (results[0] as PromiseRejectedResult).reason as JournalWriteError;
    expect(reason).toBeInstanceOf(JournalWriteError);
    expect(reason.message).toContain(`journal ${file} could not be written (EIO`);
    await expect(writer.append([put(4)])).rejects.toBeInstanceOf(JournalWriteError);
  });

  it('when a write fails, then the append rejects with the cause', async () => {
    const { writer, state } = await openWriter();
    state.failWrite = true;

    await expect(writer.append([put(1)])).rejects.toThrow(/could not be written \(ENOSPC/);
    await expect(writer.append([put(2)])).rejects.toBeInstanceOf(JournalWriteError);
  });

  it('when the journal outgrows the threshold, then it is compacted to the snapshot and replays to the same data', async () => {
    const store = new Map<number, string>();
    const snapshot = function* (): Iterable<JournalRecord> {
      for (const [id, value] of store) yield put(id, value);
    };
    const { writer } = await openWriter({ compactAfterBytes: 20_000, snapshot });
    for (let round = 0; round < 40; round++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const value = `round ${round} ${'x'.repeat(50)}`;
          store.set(i, value);
          return writer.append([put(i, value)]);
        }),
      );
    }

    expect(writer.compactions).toBeGreaterThan(0);
    const image = await readFile(file);
    expect(image.length).toBeLessThan(40_000);
    expect(replay(parseJournal(image, file).records)).toEqual(store);
    expect(await readdir(dir)).toEqual(['journal']);
  });

  it('when appends are queued during a compaction, then they land after the snapshot and nothing is lost', async () => {
    const store = new Map<number, string>();
    const snapshot = function* (): Iterable<JournalRecord> {
      for (const [id, value] of store) yield put(id, value);
    };
    const { writer } = await openWriter({ snapshot });
    const apply = (id: number, value: string) => {
      store.set(id, value);
      return writer.append([put(id, value)]);
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => apply(i, 'old')));
    const during = [
      writer.compact(),
      ...Array.from({ length: 50 }, (_, i) => apply(i + 25, 'new')),
    ];
    await Promise.all(during);

    expect(replay(parseJournal(await readFile(file), file).records)).toEqual(store);
    expect(store.get(60)).toBe('new');
  });

  it('when the snapshot fails, then the old journal stays in use and appends keep working', async () => {
    const { writer } = await openWriter({
      snapshot: () => {
        throw new Error('store busy');
      },
    });
    await writer.append([put(1)]);

    await expect(writer.compact()).rejects.toThrow('store busy');
    await writer.append([put(2)]);
    expect([...replay(parseJournal(await readFile(file), file).records).keys()]).toEqual([1, 2]);
    expect(await readdir(dir)).toEqual(['journal']);
  });

  it('when closed, then queued appends are written first and later ones reject', async () => {
    const { writer } = await openWriter();
    const pending = Array.from({ length: 10 }, (_, i) => writer.append([put(i)]));
    await writer.close();

    await Promise.all(pending);
    expect(parseJournal(await readFile(file), file).frames).toBe(10);
    await expect(writer.append([put(99)])).rejects.toThrow('is closed');
  });
});
