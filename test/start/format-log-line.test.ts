import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../scripts/lib/format-log-line.js';

describe('formatLogLine', () => {
  it('when the line is pino JSON, then time, level, message and extra fields read as text', () => {
    const line = JSON.stringify({
      level: 30,
      time: '2026-11-25T06:01:02.345Z',
      pid: 1,
      hostname: 'box',
      service: 'users',
      url: 'http://127.0.0.1:4001/graphql',
      msg: 'users subgraph listening',
    });
    expect(formatLogLine(line)).toBe(
      '06:01:02 INFO  users subgraph listening url=http://127.0.0.1:4001/graphql',
    );
  });

  it('when an error is logged, then its message is shown, not its stack', () => {
    const line = JSON.stringify({
      level: 50,
      time: '2026-11-25T06:01:02.345Z',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' },
      msg: 'failed',
    });
    expect(formatLogLine(line)).toBe('06:01:02 ERROR failed err="boom"');
  });

  it('when the line is not pino JSON, then it passes through unchanged', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
    expect(formatLogLine('{not json')).toBe('{not json');
    expect(formatLogLine('{"a":1}')).toBe('{"a":1}');
  });
});
