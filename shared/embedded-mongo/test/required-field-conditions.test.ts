import { describe, expect, it } from 'vitest';
import { requiredFieldConditions } from '../src/store/required-field-conditions.js';

describe('requiredFieldConditions', () => {
  it('when a filter nests $and, then its field conditions are flattened and other operators skipped', () => {
    const filter = {
      a: 1,
      $and: [{ b: { $in: [1, 2] } }, { $and: [{ c: { d: 1 } }] }, 'not a document'],
      $or: [{ e: 1 }],
      $expr: { $eq: ['$a', 1] },
    };
    expect([...requiredFieldConditions(filter)]).toEqual([
      ['a', 1],
      ['b', { $in: [1, 2] }],
      ['c', { d: 1 }],
    ]);
  });
});
