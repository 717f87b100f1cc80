import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/free-port.js';
import { waitForReady } from '../../scripts/lib/wait-for-ready.js';

describe('waitForReady', () => {
  it('when /readyz answers 503 before 200, then it resolves once it answers 200', async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls += 1;
      res.statusCode = calls < 3 ? 503 : 200;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await waitForReady(`http://127.0.0.1:${port}/readyz`, { intervalMs: 20, timeoutMs: 5_000 });
      expect(calls).toBe(3);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  it('when nothing ever answers, then it rejects after the timeout naming the URL', async () => {
    const url = `http://127.0.0.1:${await findFreePort('127.0.0.1')}/readyz`;
    await expect(waitForReady(url, { intervalMs: 20, timeoutMs: 200 })).rejects.toThrow(
      `${url} was not ready`,
    );
  });

  it('when the wait is aborted, then it stops early', async () => {
    const url = `http://127.0.0.1:${await findFreePort('127.0.0.1')}/readyz`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(
      waitForReady(url, { intervalMs: 20, timeoutMs: 10_000, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
