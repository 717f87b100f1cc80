import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface RedisPingOptions {
  /** @defaultValue 2 000 ms: a local Redis answers in well under that. */
  timeoutMs?: number;
}

/**
 * Sends PING (after AUTH when the URL carries credentials) over a bare socket and
 * resolves on PONG. No client library: the launcher only needs a yes/no before it
 * starts anything, and it must fail fast instead of retrying like a client would.
 */
export function pingRedis(redisUrl: string, { timeoutMs = 2_000 }: RedisPingOptions = {}) {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(url.port || 6379);
  const commands = [...authCommand(url), ['PING']];

  return new Promise<void>((resolve, reject) => {
    const socket: Socket =
      url.protocol === 'rediss:'
        ? connectTls({ host, port, servername: host })
        : connectTcp({ host, port });
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(new Error(error.code ?? error.message)),
    );
    socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => {
      socket.write(commands.map(encodeCommand).join(''));
    });

    let received = '';
    let replies = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      let end = received.indexOf('\r\n');
      while (end !== -1) {
        const reply = received.slice(0, end);
        received = received.slice(end + 2);
        replies += 1;
        if (reply.startsWith('-')) return finish(new Error(`Redis answered ${reply.slice(1)}`));
        if (replies === commands.length) {
          return reply === '+PONG' ? finish() : finish(new Error(`unexpected answer ${reply}`));
        }
        end = received.indexOf('\r\n');
      }
    });
  });
}

function authCommand(url: URL): string[][] {
  const password = decodeURIComponent(url.password);
  if (!password) return [];
  const username = decodeURIComponent(url.username);
  return [username ? ['AUTH', username, password] : ['AUTH', password]];
}

/** RESP array of bulk strings. */
function encodeCommand(parts: string[]): string {
  const encoded = parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('');
  return `*${parts.length}\r\n${encoded}`;
}

/** The URL without its password, safe to print. */
export function describeRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password) url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(not a valid URL)';
  }
}
