/**
 * Whether a BSON document nests more than `limit` levels (the document itself is level
 * 1, each embedded document or array one more), found by walking the bytes with an
 * explicit stack, so that a hostile message never drives a recursive decoder deep.
 * Malformed bytes end the walk with `false`: the decoder then reports them properly.
 */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  // Every level needs at least 5 bytes (length and terminator): small documents cannot.
  if (bytes.length < limit * 5) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const int32 = (at: number) => (at + 4 <= bytes.length ? view.getInt32(at, true) : -1);
  const ends: number[] = [int32(0) - 1];
  let at = 4;
  while (ends.length > 0) {
    if (at >= bytes.length) return false;
    if (at === ends[ends.length - 1]) {
      ends.pop();
      at++;
      continue;
    }
    const type = bytes[at] as number;
    const keyEnd = bytes.indexOf(0, at + 1);
    if (keyEnd < 0) return false;
    at = keyEnd + 1;
    switch (type) {
      case 0x03: // document
      case 0x04: {
        // array
        const length = int32(at);
        if (length < 5) return false;
        if (ends.length + 1 > limit) return true;
        ends.push(at + length - 1);
        at += 4;
        break;
      }
      case 0x0f: {
        // code with scope: total length, code string, then the scope document
        const codeLength = int32(at + 4);
        if (codeLength < 1) return false;
        at += 8 + codeLength;
        const length = int32(at);
        if (length < 5) return false;
        if (ends.length + 1 > limit) return true;
        ends.push(at + length - 1);
        at += 4;
        break;
      }
      case 0x02: // string
      case 0x0d: // code
      case 0x0e: {
        // symbol
        const length = int32(at);
        if (length < 1) return false;
        at += 4 + length;
        break;
      }
      case 0x05: {
        // binary: length, subtype, bytes
        const length = int32(at);
        if (length < 0) return false;
        at += 5 + length;
        break;
      }
      case 0x0b: {
        // regular expression: two C strings
        const pattern = bytes.indexOf(0, at);
        const flags = pattern < 0 ? -1 : bytes.indexOf(0, pattern + 1);
        if (flags < 0) return false;
        at = flags + 1;
        break;
      }
      case 0x0c: {
        // DBPointer: string, then a 12-byte ObjectId
        const length = int32(at);
        if (length < 1) return false;
        at += 4 + length + 12;
        break;
      }
      default: {
        const size = fixedSizes[type];
        if (size === undefined) return false;
        at += size;
      }
    }
  }
  return false;
}

const fixedSizes: Record<number, number> = {
  0x01: 8, // double
  0x06: 0, // undefined
  0x07: 12, // ObjectId
  0x08: 1, // bool
  0x09: 8, // date
  0x0a: 0, // null
  0x10: 4, // int32
  0x11: 8, // timestamp
  0x12: 8, // int64
  0x13: 16, // decimal128
  0xff: 0, // MinKey
  0x7f: 0, // MaxKey
};
