import { describe, expect, it } from 'vitest';
import { isDuplicateKeyError } from '@fedshop/subgraph-kit';

const skuCollision = Object.assign(new Error('E11000 duplicate key error'), {
  code: 11000,
  keyPattern: { sku: 1 },
  keyValue: { sku: 'TEA-1' },
});

describe('isDuplicateKeyError', () => {
  it('when the error has code 11000, then it is a duplicate key error', () => {
    expect(isDuplicateKeyError(skuCollision)).toBe(true);
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
  });

  it('when the error has another code or is not an object, then it is not', () => {
    expect(isDuplicateKeyError({ code: 121 })).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000 duplicate key error'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
    expect(isDuplicateKeyError('E11000')).toBe(false);
  });

  it('when a key is given, then only a collision on that key matches', () => {
    expect(isDuplicateKeyError(skuCollision, 'sku')).toBe(true);
    expect(isDuplicateKeyError(skuCollision, 'email')).toBe(false);
    expect(isDuplicateKeyError({ code: 11000, keyValue: { email: 'a@b.c' } }, 'email')).toBe(true);
    expect(isDuplicateKeyError({ code: 11000 }, 'sku')).toBe(false);
  });
});
