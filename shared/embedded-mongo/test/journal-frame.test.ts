import { Binary, Decimal128, Double, Long, ObjectId, UUID, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  encodeFrame,
  FRAME_HEADER_BYTES,
} from '../src/persistence/journal-frame.js';
import type { JournalRecord } from '../src/persistence/journal-record.js';

function roundTrip(records: JournalRecord[]): JournalRecord[] {
  return decodePayload(encodeFrame(records).subarray(FRAME_HEADER_BYTES));
}

describe('journal frame', () => {
  it('when a document holds int64, Int32, integral doubles, Decimal128 and UUID, then it decodes to the same BSON bytes and types', () => {
    const doc = {
      _id: new ObjectId(),
      long: Long.fromString('9007199254740993'),
      smallLong: Long.fromNumber(5),
      int: 7,
      integralDouble: new Double(3),
      double: 2.5,
      decimal: Decimal128.fromString('1234567890.123456789'),
      uuid: new UUID('0d6bd6c4-8a39-4d8f-9f6a-7f3b1f1c2a10'),
      bin: new Binary(Buffer.from([1, 2, 3]), 0),
      when: new Date('2026-01-02T03:04:05.678Z'),
      nested: {
        list: [Long.fromNumber(1), new Double(2), 3, { deep: Decimal128.fromString('0.1') }],
      },
      nothing: null,
    };
    const [record] = roundTrip([{ op: 'put', db: 'shop', coll: 'items', doc }]);

    expect(record?.op).toBe('put');
    const back = (record as unknown as { doc: typeof doc }).doc;
    expect(Buffer.from(serialize(back))).toEqual(Buffer.from(serialize(doc)));
    expect(back.long).toBeInstanceOf(Long);
    expect(back.long.toString()).toBe('9007199254740993');
    expect(back.smallLong).toBeInstanceOf(Long);
    expect(back.int).toBe(7);
    expect(back.integralDouble).toBeInstanceOf(Double);
    expect(back.double).toBe(2.5);
    expect(back.decimal).toBeInstanceOf(Decimal128);
    expect(back.decimal.toString()).toBe('1234567890.123456789');
    expect(back.uuid).toBeInstanceOf(Binary);
    expect((back.uuid as Binary).sub_type).toBe(4);
    expect(back.uuid).toBeInstanceOf(UUID);
    expect(back.uuid.toHexString()).toBe('0d6bd6c4-8a39-4d8f-9f6a-7f3b1f1c2a10');
    expect(back.when).toEqual(doc.when);
    expect(back._id.equals(doc._id)).toBe(true);
  });

  it('when records of every kind are framed, then they decode equal and in order, without optional fields turning into null', () => {
    const records: JournalRecord[] = [
      { op: 'createCollection', db: 'a', coll: 'b' },
      { op: 'createCollection', db: 'a', coll: 'c', options: { capped: false } },
      {
        op: 'createIndex',
        db: 'a',
        coll: 'b',
        spec: { key: { email: 1 }, name: 'email_1', unique: true },
      },
      { op: 'put', db: 'a', coll: 'b', doc: { _id: 1, email: 'x@y' } },
      { op: 'delete', db: 'a', coll: 'b', id: Long.fromNumber(42) },
      { op: 'dropIndex', db: 'a', coll: 'b', name: 'email_1' },
      { op: 'dropCollection', db: 'a', coll: 'c' },
      { op: 'dropDatabase', db: 'a' },
    ];
    const back = roundTrip(records);

    expect(back).toEqual(records);
    expect('options' in back[0]!).toBe(false);
    expect((back[4] as { id: unknown }).id).toBeInstanceOf(Long);
  });

  it("when one append is larger than bson's 17 MB serialization buffer, then it still frames and decodes", () => {
    const chunk = 'x'.repeat(4 * 1024 * 1024);
    const records: JournalRecord[] = Array.from({ length: 6 }, (_, i) => ({
      op: 'put',
      db: 'big',
      coll: 'blobs',
      doc: { _id: i, chunk },
    }));
    const frame = encodeFrame(records);

    expect(frame.length).toBeGreaterThan(24 * 1024 * 1024);
    const back = decodePayload(frame.subarray(FRAME_HEADER_BYTES));
    expect(back.map((r) => (r as unknown as { doc: { _id: number } }).doc._id)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    expect((back[5] as unknown as { doc: { chunk: string } }).doc.chunk.length).toBe(chunk.length);
  });
});
