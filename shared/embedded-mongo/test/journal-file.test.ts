import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalCorruptError } from '../src/persistence/journal-corrupt-error.js';
import { parseJournal, readJournalFile } from '../src/persistence/journal-file.js';
import { encodeFrame } from '../src/persistence/journal-frame.js';
import type { JournalRecord } from '../src/persistence/journal-record.js';

function put(id: number): JournalRecord {
  return { op: 'put', db: 'shop', coll: 'items', doc: { _id: id, name: `item ${id}` } };
}

function ids(records: JournalRecord[]): unknown[] {
  return records.map((r) => (r.op === 'put' ? r.doc['_id'] : undefined));
}

/** Three frames: [1], [2, 3], [4]. */
function threeFrames(): { image: Buffer; starts: number[] } {
  const frames = [encodeFrame([put(1)]), encodeFrame([put(2), put(3)]), encodeFrame([put(4)])];
  const starts = [0, frames[0]!.length, frames[0]!.length + frames[1]!.length];
  return { image: Buffer.concat(frames), starts };
}

describe('journal file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when the journal is intact, then every record comes back in order with no tail', () => {
    const { image } = threeFrames();
    const contents = parseJournal(image, 'j');

    expect(ids(contents.records)).toEqual([1, 2, 3, 4]);
    expect(contents).toMatchObject({ frames: 3, validBytes: image.length, tornTailBytes: 0 });
  });

  it('when the last frame is cut at any byte, then it is dropped and the earlier frames survive', () => {
    const { image, starts } = threeFrames();
    const lastStart = starts[2]!;
    for (let cut = lastStart + 1; cut < image.length; cut++) {
      const contents = parseJournal(image.subarray(0, cut), 'j');
      expect(ids(contents.records)).toEqual([1, 2, 3]);
      expect(contents.validBytes).toBe(lastStart);
      expect(contents.tornTailBytes).toBe(cut - lastStart);
    }
  });

  it('when garbage or zeros follow the last frame, then they are dropped', () => {
    const { image } = threeFrames();
    for (const tail of [randomBytes(3), randomBytes(5000), Buffer.alloc(4096)]) {
      const contents = parseJournal(Buffer.concat([image, tail]), 'j');
      expect(ids(contents.records)).toEqual([1, 2, 3, 4]);
      expect(contents.tornTailBytes).toBe(tail.length);
    }
  });

  it('when the last frame has a flipped byte, then it counts as torn and is dropped', () => {
    const { image, starts } = threeFrames();
    const damaged = Buffer.from(image);
    damaged[starts[2]! + 20]! ^= 0xff;
    const contents = parseJournal(damaged, 'j');

    expect(ids(contents.records)).toEqual([1, 2, 3]);
  });

  it('when a frame in the middle has a flipped byte, then it throws naming the file and offset', () => {
    const { image, starts } = threeFrames();
    const damaged = Buffer.from(image);
    damaged[starts[1]! + 30]! ^= 0x01;

    expect(() => parseJournal(damaged, '/data/journal')).toThrow(JournalCorruptError);
    try {
      parseJournal(damaged, '/data/journal');
    } catch (error) {
      const corrupt = error as JournalCorruptError;
      expect(corrupt.offset).toBe(starts[1]);
      expect(corrupt.file).toBe('/data/journal');
      expect(corrupt.code).toBe('JOURNAL_CORRUPT');
      expect(corrupt.message).toContain(
        `journal /data/journal is corrupt at byte offset ${starts[1]}`,
      );
      expect(corrupt.message).toContain('checksum mismatch');
    }
  });

  it('when a length field in the middle is damaged to point past the end, then it is corruption, not a torn tail', () => {
    const { image, starts } = threeFrames();
    const damaged = Buffer.from(image);
    damaged.writeUInt32LE(1_000_000, starts[1]!);

    expect(() => parseJournal(damaged, 'j')).toThrow(
      /corrupt at byte offset \d+: frame runs past the end/,
    );
  });

  it('when the journal file is missing, then it reads as empty', async () => {
    const contents = await readJournalFile(join(dir, 'journal'));

    expect(contents).toEqual({ records: [], frames: 0, validBytes: 0, tornTailBytes: 0 });
  });

  it('when the file has a torn tail, then reading truncates the file right after the last intact frame', async () => {
    const { image, starts } = threeFrames();
    const file = join(dir, 'journal');
    await writeFile(file, image.subarray(0, image.length - 3));

    const contents = await readJournalFile(file);

    expect(ids(contents.records)).toEqual([1, 2, 3]);
    expect((await stat(file)).size).toBe(starts[2]);
    expect(await readFile(file)).toEqual(image.subarray(0, starts[2]));
  });

  it('when the file is corrupt in the middle, then reading throws and leaves the file untouched', async () => {
    const { image, starts } = threeFrames();
    const damaged = Buffer.from(image);
    damaged[starts[0]! + 12]! ^= 0x10;
    const file = join(dir, 'journal');
    await writeFile(file, damaged);

    await expect(readJournalFile(file)).rejects.toThrow(
      `journal ${file} is corrupt at byte offset 0`,
    );
    expect(await readFile(file)).toEqual(damaged);
  });
});
