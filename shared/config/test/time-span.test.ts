import { describe, expect, it } from 'vitest';
import { timeSpanSeconds } from '@fedshop/config';

describe('timeSpanSeconds', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['1 hour', 3600],
    ['30d', 2_592_000],
    ['2w', 1_209_600],
    ['1y', 31_557_600],
  ])('when the span is %s, then it is %d seconds', (span, seconds) => {
    expect(timeSpanSeconds(span)).toBe(seconds);
  });

  it('when the text is not a span, then it throws', () => {
    expect(() => timeSpanSeconds('soon')).toThrow(/time span/);
  });
});
