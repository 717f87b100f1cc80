import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/free-port.js';
import { describeRedisUrl, pingRedis } from '../../scripts/lib/redis-ping.js';

const servers: Server[] = [];

/** A TCP server on a free port that answers every chunk with `reply` (or never). */
async function fakeRedis(reply?: string): Promise<number> {
  const server = createServer((socket) => {
    socket.on('data', () => {
      if (reply !== undefined) socket.write(reply);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

describe('pingRedis', () => {
  it('when Redis runs at the URL, then it resolves', async () => {
    await expect(pingRedis('redis://127.0.0.1:6379')).resolves.toBeUndefined();
  });

  it('when nothing listens on the port, then it rejects at once with the socket error', async () => {
    const port = await findFreePort('127.0.0.1');
    const started = Date.now();
    await expect(pingRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow('ECONNREFUSED');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('when the server never answers, then it rejects after the timeout', async () => {
    const port = await fakeRedis();
    await expect(pingRedis(`redis://127.0.0.1:${port}`, { timeoutMs: 200 })).rejects.toThrow(
      'no answer within 200 ms',
    );
  });

  it('when Redis refuses the command, then it rejects with Redis’s answer', async () => {
    const port = await fakeRedis('-NOAUTH Authentication required.\r\n');
    await expect(pingRedis(`redis://127.0.0.1:${port}`)).rejects.toThrow(
      'Redis answered NOAUTH Authentication required.',
    );
  });

  it('when the URL carries a password, then AUTH precedes PING', async () => {
    const received: string[] = [];
    const server = createServer((socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk.toString());
        socket.write('+OK\r\n+PONG\r\n');
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await pingRedis(`redis://app:s%40cret@127.0.0.1:${port}`);
    expect(received.join('')).toBe(
      '*3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$6\r\ns@cret\r\n*1\r\n$4\r\nPING\r\n',
    );
  });
});

describe('describeRedisUrl', () => {
  it('when the URL has a password, then the printed form hides it', () => {
    expect(describeRedisUrl('redis://app:hunter2@cache:6380/1')).toBe(
      'redis://app:***@cache:6380/1',
    );
    expect(describeRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
