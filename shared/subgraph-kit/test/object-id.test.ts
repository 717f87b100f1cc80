import { describe, expect, it } from 'vitest';
import { canonicalId, parseObjectId } from '@fedshop/subgraph-kit';

const upperHex = '65A1B2C3D4E5F60718293A4B';

describe('object ids', () => {
  it('when the id is 24 hex characters in any case, then it parses to that ObjectId', () => {
    expect(parseObjectId(upperHex)?.toHexString()).toBe(upperHex.toLowerCase());
  });

  it('when the id is not a 24-hex string, then parseObjectId is null', () => {
    for (const id of ['', 'abc', `${upperHex}0`, 'zzzzzzzzzzzzzzzzzzzzzzzz', 42, null, {}]) {
      expect(parseObjectId(id)).toBeNull();
    }
  });

  it('when the id is 24 hex characters, then canonicalId is its lower-case hex', () => {
    expect(canonicalId(upperHex)).toBe(upperHex.toLowerCase());
    expect(canonicalId(upperHex.toLowerCase())).toBe(upperHex.toLowerCase());
  });

  it('when the id is not a 24-hex string, then canonicalId is null', () => {
    for (const id of ['not-an-id', 12, undefined, ['65a1b2c3d4e5f60718293a4b']]) {
      expect(canonicalId(id)).toBeNull();
    }
  });
});
