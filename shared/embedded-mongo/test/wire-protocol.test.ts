import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';
import { opMsg, opQuery, RawConnection, replyDocument } from './support/raw-connection.js';

// Framing per the manual's "MongoDB Wire Protocol" page: a 16-byte header (length,
// requestID, responseTo, opCode), OP_QUERY answered with OP_REPLY, OP_MSG sections of
// kind 0 (body) and kind 1 (document sequence), flag bits checksumPresent and moreToCome.

const warnings: string[] = [];
const context = useEmbeddedMongo({
  logger: {
    info: () => {},
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  },
});
let client: MongoClient;
const db = uniqueDbName();

beforeAll(async () => {
  client = await new MongoClient(context.server.uri).connect();
});

afterAll(async () => {
  await client.close();
});

async function openConnections(): Promise<number> {
  const status = await client.db('admin').command({ serverStatus: 1 });
  return (status.connections as { current: number }).current;
}

async function stillServes(): Promise<void> {
  expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
}

describe('message framing', () => {
  it('when the handshake arrives as OP_QUERY, then the answer is an OP_REPLY with ok 1', async () => {
    const conn = await RawConnection.open(context.server.port);
    conn.write(opQuery('admin', { ismaster: 1, helloOk: true }));
    const reply = replyDocument((await conn.readMessage()) as Buffer);
    expect(reply.opCode).toBe(1);
    expect(reply.doc).toMatchObject({ ismaster: true, maxWireVersion: 21, ok: 1 });
    conn.close();
  });

  it('when an OP_MSG carries a kind-1 documents sequence, then the documents are inserted', async () => {
    const conn = await RawConnection.open(context.server.port);
    conn.write(
      opMsg({ insert: 'seq', $db: db }, { sequences: { documents: [{ a: 1 }, { a: 2 }] } }),
    );
    const reply = replyDocument((await conn.readMessage()) as Buffer);
    expect(reply).toMatchObject({ opCode: 2013, doc: { n: 2, ok: 1 } });
    conn.close();
  });

  it('when moreToCome is set, then the server executes without replying', async () => {
    const conn = await RawConnection.open(context.server.port);
    conn.write(opMsg({ insert: 'quiet', documents: [{ q: 1 }], $db: db }, { flags: 2 }));
    conn.write(opMsg({ count: 'quiet', $db: db }));
    // The only reply is the count's, and it already sees the unacknowledged insert.
    const reply = replyDocument((await conn.readMessage()) as Buffer);
    expect(reply.doc).toMatchObject({ n: 1, ok: 1 });
    conn.close();
  });

  it('when the checksumPresent flag is set, then the trailing checksum is tolerated', async () => {
    const conn = await RawConnection.open(context.server.port);
    conn.write(opMsg({ ping: 1, $db: 'admin' }, { checksum: true }));
    expect(replyDocument((await conn.readMessage()) as Buffer).doc).toEqual({ ok: 1 });
    conn.close();
  });

  it('when two messages arrive in one write and one message arrives byte by byte, then each is answered in order', async () => {
    const conn = await RawConnection.open(context.server.port);
    conn.write(
      Buffer.concat([opMsg({ ping: 1, $db: 'admin' }), opMsg({ buildInfo: 1, $db: 'admin' })]),
    );
    expect(replyDocument((await conn.readMessage()) as Buffer).doc).toEqual({ ok: 1 });
    expect(replyDocument((await conn.readMessage()) as Buffer).doc.version).toMatch(/^7\./);
    const slow = opMsg({ ping: 1, $db: 'admin' });
    for (const byte of slow) conn.write(Buffer.from([byte]));
    expect(replyDocument((await conn.readMessage()) as Buffer).doc).toEqual({ ok: 1 });
    conn.close();
  });
});

describe('bad frames', () => {
  it('when garbage bytes arrive, then that connection is closed and other clients are still served', async () => {
    const conn = await RawConnection.open(context.server.port);
    conn.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(await conn.waitForClose()).toBe(true);
    expect(warnings).toContain('closing connection after a malformed message');
    await stillServes();
  });

  it('when the length prefix announces more than 48 MB, then the connection is closed at once', async () => {
    const conn = await RawConnection.open(context.server.port);
    const huge = Buffer.alloc(16);
    huge.writeInt32LE(100 * 1024 * 1024, 0);
    huge.writeInt32LE(2013, 12);
    conn.write(huge);
    expect(await conn.waitForClose()).toBe(true);
    await stillServes();
  });

  it('when a message is truncated and the client goes away, then the server carries on', async () => {
    const before = await openConnections();
    const conn = await RawConnection.open(context.server.port);
    await expect.poll(openConnections).toBe(before + 1);
    conn.write(opMsg({ ping: 1, $db: 'admin' }).subarray(0, 20));
    conn.close();
    // Only once the server has handled the half message and the close is the check meaningful.
    await expect.poll(openConnections).toBe(before);
    await stillServes();
  });

  it('when the frame length is right but the BSON inside is broken, then the connection is closed', async () => {
    const conn = await RawConnection.open(context.server.port);
    const message = opMsg({ ping: 1, $db: 'admin' });
    message.writeInt32LE(9999, 21); // the body document's own length now overruns the frame
    conn.write(message);
    expect(await conn.waitForClose()).toBe(true);
    await stillServes();
  });

  it('when an unknown opcode arrives, then the connection is closed', async () => {
    const conn = await RawConnection.open(context.server.port);
    const message = opMsg({ ping: 1, $db: 'admin' });
    message.writeInt32LE(2010, 12);
    conn.write(message);
    expect(await conn.waitForClose()).toBe(true);
    await stillServes();
  });
});
