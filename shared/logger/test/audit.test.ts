import { describe, expect, it } from 'vitest';
import { audit, createMemoryLogger } from '@fedshop/logger';

describe('audit', () => {
  it('when an action is audited, then one JSON line carries who, what, the target, when and the request', () => {
    const { logger, lines } = createMemoryLogger({ service: 'users' });

    audit(logger, {
      action: 'setUserRole',
      actor: { userId: 'u1', role: 'ADMIN' },
      targetId: 'u2',
      outcome: 'succeeded',
      requestId: 'req-1',
    });

    expect(lines()).toHaveLength(1);
    expect(JSON.parse(lines()[0]!)).toEqual({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'users',
      requestId: 'req-1',
      audit: {
        action: 'setUserRole',
        actor: { userId: 'u1', role: 'ADMIN' },
        targetId: 'u2',
        outcome: 'succeeded',
      },
      msg: 'audit',
    });
  });

  it('when the actor object carries more (a token), then only its id and role are written', () => {
    const { logger, lines } = createMemoryLogger({ service: 'users' });
    const actor = { userId: 'u1', role: 'ADMIN', refreshToken: 'rt-secret-value' };

    audit(logger, {
      action: 'logOut',
      actor,
      targetId: null,
      outcome: 'refused',
      requestId: 'r',
      code: 'FORBIDDEN',
    });

    expect(lines().join('\n')).not.toContain('rt-secret-value');
    expect(JSON.parse(lines()[0]!).audit).toEqual({
      action: 'logOut',
      actor: { userId: 'u1', role: 'ADMIN' },
      targetId: null,
      outcome: 'refused',
      code: 'FORBIDDEN',
    });
  });
});
