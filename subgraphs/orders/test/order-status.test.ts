import { describe, expect, it } from 'vitest';
import { canTransition, statusesThatCanBecome } from '../src/orders/order-status.js';

describe('order status transitions', () => {
  it('when an order is pending, then it may be confirmed, rejected or cancelled', () => {
    expect(canTransition('PENDING', 'CONFIRMED')).toBe(true);
    expect(canTransition('PENDING', 'REJECTED')).toBe(true);
    expect(canTransition('PENDING', 'CANCELLED')).toBe(true);
  });

  it('when an order is confirmed, then it may only be cancelled', () => {
    expect(canTransition('CONFIRMED', 'CANCELLED')).toBe(true);
    expect(canTransition('CONFIRMED', 'REJECTED')).toBe(false);
    expect(canTransition('CONFIRMED', 'PENDING')).toBe(false);
  });

  it('when an order is rejected or cancelled, then it is final', () => {
    expect(statusesThatCanBecome('CANCELLED')).toEqual(['PENDING', 'CONFIRMED']);
    expect(statusesThatCanBecome('CONFIRMED')).toEqual(['PENDING']);
    expect(statusesThatCanBecome('PENDING')).toEqual([]);
  });
});
