import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parsePort, resolvePorts } from '../../scripts/lib/free-port.js';

describe('resolvePorts', () => {
  it('when every port is 0, then each gets a distinct free port', async () => {
    const ports = await resolvePorts(
      ['A_PORT', 'B_PORT', 'C_PORT', 'D_PORT'].map((variable) => ({ variable, port: 0 })),
      '127.0.0.1',
    );
    expect(ports).toHaveLength(4);
    expect(new Set(ports).size).toBe(4);
    for (const port of ports) expect(port).toBeGreaterThan(0);
  });

  it('when a fixed port is in use, then the error names the variable and the way out', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(resolvePorts([{ variable: 'USERS_PORT', port }], '127.0.0.1')).rejects.toThrow(
        `Port ${port} (USERS_PORT) is already in use on 127.0.0.1: stop what uses it, or set USERS_PORT=0 to pick a free port.`,
      );
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('parsePort', () => {
  it('when the variable is unset or blank, then the default applies', () => {
    expect(parsePort('USERS_PORT', undefined, 4001)).toBe(4001);
    expect(parsePort('USERS_PORT', ' ', 4001)).toBe(4001);
    expect(parsePort('USERS_PORT', '0', 4001)).toBe(0);
  });

  it('when the value is not a port, then the error names the variable', () => {
    for (const value of ['abc', '70000', '-1', '4001.5']) {
      expect(() => parsePort('USERS_PORT', value, 4001)).toThrow(
        'USERS_PORT must be a port number',
      );
    }
  });
});
