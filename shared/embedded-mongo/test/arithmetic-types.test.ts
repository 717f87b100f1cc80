import { Double, Int32, Long, type Db, type Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDriverClient } from './support/driver-client.js';
import { uniqueDbName } from './support/embedded-server.js';

// The manual's $mul page ("Multiply Mixed Numeric Types") gives the result types:
// int32 x int64 -> int64, int32 x double -> double, int64 x double -> double, and
// "If the product of two 32-bit integers exceeds the maximum 32-bit int, the result is a
// 64-bit integer"; $inc follows the same conversion rules (manual "$inc": "mixed numeric
// types"). Values are read back without promotion so the BSON type is visible.

const context = useDriverClient();
let db: Db;
let n = 0;

beforeAll(() => {
  db = context.client.db(uniqueDbName());
});

async function after(value: unknown, update: Document): Promise<unknown> {
  const coll = db.collection(`arith${n++}`);
  await coll.insertOne({ _id: 1, ...(value === undefined ? {} : { v: value }) } as Document);
  await coll.updateOne({ _id: 1 } as Document, update);
  const doc = await coll.findOne({ _id: 1 } as Document, { promoteValues: false });
  return doc?.v;
}

describe('result types of $inc and $mul', () => {
  it('when an int32 is incremented by an int64, then the result is an int64', async () => {
    const v = await after(new Int32(1), { $inc: { v: Long.fromNumber(2) } });
    expect(v).toBeInstanceOf(Long);
    expect(String(v)).toBe('3');
  });

  it('when an int32 increment overflows 32 bits, then the result is an int64', async () => {
    const v = await after(new Int32(2147483647), { $inc: { v: new Int32(1) } });
    expect(v).toBeInstanceOf(Long);
    expect(String(v)).toBe('2147483648');
  });

  it('when an int64 beyond 2^53 is incremented, then every digit is kept', async () => {
    const v = await after(Long.fromString('9007199254740993'), { $inc: { v: new Int32(1) } });
    expect(v).toBeInstanceOf(Long);
    expect(String(v)).toBe('9007199254740994');
  });

  it('when an int32 is incremented by a double, then the result is a double', async () => {
    const v = await after(new Int32(1), { $inc: { v: new Double(2) } });
    expect(v).toBeInstanceOf(Double);
    expect((v as Double).value).toBe(3);
  });

  it('when an int32 is multiplied by an int64, then the result is an int64', async () => {
    const v = await after(new Int32(3), { $mul: { v: Long.fromNumber(4) } });
    expect(v).toBeInstanceOf(Long);
    expect(String(v)).toBe('12');
  });

  it('when an int64 is multiplied by a double, then the result is a double', async () => {
    const v = await after(Long.fromNumber(3), { $mul: { v: new Double(1.5) } });
    expect(v).toBeInstanceOf(Double);
    expect((v as Double).value).toBe(4.5);
  });

  it('when an int32 is incremented by an int32, then it stays an int32', async () => {
    const v = await after(new Int32(1), { $inc: { v: new Int32(2) } });
    expect(v).toBeInstanceOf(Int32);
    expect((v as Int32).value).toBe(3);
  });

  it('when $inc creates a missing field from an int64, then the field is an int64', async () => {
    // manual $inc: "If the field does not exist, $inc creates the field and sets the field
    // to the specified value."
    const v = await after(undefined, { $inc: { v: Long.fromNumber(7) } });
    expect(v).toBeInstanceOf(Long);
    expect(String(v)).toBe('7');
  });

  it('when $mul creates a missing field from an int64, then it is an int64 zero', async () => {
    // manual $mul: "If the field does not exist ... sets the field to 0 of the same
    // numeric type as the multiplier."
    const v = await after(undefined, { $mul: { v: Long.fromNumber(7) } });
    expect(v).toBeInstanceOf(Long);
    expect(String(v)).toBe('0');
  });
});
