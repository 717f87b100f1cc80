import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@fedshop/logger';
import { createServiceApp, listen, type ListeningServer } from '@fedshop/service-kit';

const logger = createLogger({ service: 'test', level: 'silent' });
let running: ListeningServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(ready: () => Promise<boolean>) {
  const { app } = createServiceApp({
    service: 'test',
    logger,
    readiness: [{ name: 'db', check: ready }],
  });
  running = await listen(app, 0, '127.0.0.1');
  return running.url;
}

describe('service app', () => {
  it('when the process is up, then /healthz answers 200', async () => {
    const url = await start(async () => false);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when a dependency fails, then /readyz answers 503 naming it', async () => {
    const url = await start(async () => {
      throw new Error('down');
    });
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ready: false, checks: { db: 'failing' } });
  });

  it('when every dependency answers, then /readyz answers 200', async () => {
    const url = await start(async () => true);
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
  });

  it('when a request id is sent, then it is echoed; a hostile one is replaced', async () => {
    const url = await start(async () => true);
    const kept = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${url}/healthz`, {
      headers: { 'x-request-id': 'a b <script>'.replace(' <', '<') },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when unknown paths are requested, then they share one route label', async () => {
    const url = await start(async () => true);
    await fetch(`${url}/wp-admin`);
    await fetch(`${url}/.env`);
    const body = await (await fetch(`${url}/metrics`)).text();
    expect(body).toMatch(
      /^http_request_duration_seconds_count\{(?=.*route="other")(?=.*status="404").*\} 2$/m,
    );
    expect(body).not.toContain('wp-admin');
  });

  it('when /metrics is scraped, then it serves Prometheus text with request durations', async () => {
    const url = await start(async () => true);
    await fetch(`${url}/healthz`);
    const response = await fetch(`${url}/metrics`);
    const body = await response.text();
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(body).toMatch(
      /^http_request_duration_seconds_count\{(?=.*method="GET")(?=.*route="\/healthz")(?=.*status="200").*\} 1$/m,
    );
    expect(body).toContain('process_cpu_seconds_total');
  });
});

describe('listen', () => {
  it("when a server listens, then Node's timeouts are set: keep-alive above a balancer's 60 s idle, headers and request bounded", async () => {
    await start(async () => true);
    const { server } = running!;
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBe(20_000);
    expect(server.requestTimeout).toBe(30_000);
  });
});
