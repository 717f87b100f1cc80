import { describe, expect, it } from 'vitest';
import { canTransition, statusesThatCanBecome } from '../src/orders/order-status.js';

// Every (from, to) pair, written by hand from the workflow: PENDING moves to any final
// state, CONFIRMED only to CANCELLED, REJECTED and CANCELLED never move, nothing stays put.
const table = [
  ['PENDING', 'PENDING', false],
  ['PENDING', 'CONFIRMED', true],
  ['PENDING', 'REJECTED', true],
  ['PENDING', 'CANCELLED', true],
  ['CONFIRMED', 'PENDING', false],
  ['CONFIRMED', 'CONFIRMED', false],
  ['CONFIRMED', 'REJECTED', false],
  ['CONFIRMED', 'CANCELLED', true],
  ['REJECTED', 'PENDING', false],
  ['REJECTED', 'CONFIRMED', false],
  ['REJECTED', 'REJECTED', false],
  ['REJECTED', 'CANCELLED', false],
  ['CANCELLED', 'PENDING', false],
  ['CANCELLED', 'CONFIRMED', false],
  ['CANCELLED', 'REJECTED', false],
  ['CANCELLED', 'CANCELLED', false],
] as const;

describe('order status transitions', () => {
  it.each(table)('when an order is %s, then %s is allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('when asked which statuses can become each one, then the answer matches the table', () => {
    expect(statusesThatCanBecome('PENDING')).toEqual([]);
    expect(statusesThatCanBecome('CONFIRMED')).toEqual(['PENDING']);
    expect(statusesThatCanBecome('REJECTED')).toEqual(['PENDING']);
    expect(statusesThatCanBecome('CANCELLED')).toEqual(['PENDING', 'CONFIRMED']);
  });
});
