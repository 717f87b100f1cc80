import { describe, expect, it } from 'vitest';
import {
  jobId,
  parsePayload,
  reserveStockPayload,
  stockReplyPayload,
  UnrecoverableError,
} from '../src/index.js';

describe('payload schemas', () => {
  it('when a reserve payload is well formed, then it parses to the same data', () => {
    const data = { v: 1, orderId: 'o1', items: [{ productId: 'p1', quantity: 2 }] };
    expect(parsePayload(reserveStockPayload, data)).toEqual(data);
  });

  it('when the version or a field is wrong, then it fails unrecoverably naming the fields only', () => {
    const bad = { v: 2, orderId: 'x:y', items: [{ productId: 'p1', quantity: -1 }], secret: 's3' };
    let caught: unknown;
    try {
      parsePayload(reserveStockPayload, bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnrecoverableError);
    const message = (caught as Error).message;
    expect(message).toContain('v');
    expect(message).toContain('orderId');
    expect(message).toContain('items.0.quantity');
    expect(message).not.toContain('x:y');
  });

  it('when a reply is refused, then it names the reason and the product', () => {
    const reply = { v: 1, orderId: 'o1', outcome: 'refused', reason: 'short', productId: 'p9' };
    expect(parsePayload(stockReplyPayload, reply)).toEqual(reply);
    expect(() => parsePayload(stockReplyPayload, { ...reply, reason: 'because' })).toThrow(
      UnrecoverableError,
    );
  });
});

describe('jobId', () => {
  it('when parts are joined, then the id has no colon and is not all digits', () => {
    expect(jobId('65a1b2', 3)).toBe('65a1b2-3');
    expect(() => jobId('12', 3)).not.toThrow();
    expect(() => jobId('123')).toThrow(/all digits/);
    expect(() => jobId('a:b')).toThrow(/":"/);
    expect(() => jobId('')).toThrow();
  });
});
