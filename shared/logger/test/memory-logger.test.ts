import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';

describe('createMemoryLogger', () => {
  it('when lines are logged, then they are readable and secrets are redacted as in createLogger', () => {
    const { logger, lines } = createMemoryLogger({ service: 'test' });
    logger.debug({ password: 'hunter2-secret', userId: 'u1' }, 'signed in');
    const written = lines();
    expect(written).toHaveLength(1);
    const line = JSON.parse(written[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      service: 'test',
      userId: 'u1',
      password: '[redacted]',
      msg: 'signed in',
    });
    expect(written.join('\n')).not.toContain('hunter2-secret');
  });
});
