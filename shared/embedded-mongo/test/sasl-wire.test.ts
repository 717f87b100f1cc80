import { Binary, type Document } from 'bson';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmbeddedMongo } from './support/embedded-server.js';
import { opMsg, RawConnection, replyDocument } from './support/raw-connection.js';
import { ScramClient } from './support/scram-client.js';

// saslStart / saslContinue by hand on one connection, as the MongoDB auth specification
// describes them (payloads as BinData, `conversationId`, `done`, `skipEmptyExchange`).

const context = useEmbeddedMongo({
  users: [{ username: 'wire', password: 'wire-password', db: 'shop' }],
});
const connections: RawConnection[] = [];
afterEach(() => {
  for (const c of connections.splice(0)) c.close();
});

async function connection() {
  const conn = await RawConnection.open(context.server.port);
  connections.push(conn);
  return async (body: Document): Promise<Document> => {
    conn.write(opMsg({ ...body, $db: body.$db ?? 'shop' }));
    return replyDocument((await conn.readMessage()) as Buffer).doc;
  };
}

const text = (payload: unknown) => Buffer.from((payload as Binary).buffer).toString('utf8');
const bytes = (s: string) => new Binary(Buffer.from(s));

describe('SASL conversation on the wire', () => {
  it('when the client does not skip the empty exchange, then the server waits for it and then says done', async () => {
    const send = await connection();
    const client = new ScramClient('wire', 'wire-password');
    const start = await send({
      saslStart: 1,
      mechanism: 'SCRAM-SHA-256',
      payload: bytes(client.clientFirst()),
    });
    expect(start).toMatchObject({ ok: 1, done: false, conversationId: 1 });
    expect(text(start.payload)).toMatch(new RegExp(`^r=${client.nonce.replace(/[+/]/g, '\\$&')}`));
    expect(text(start.payload)).toMatch(/,i=15000$/);

    const proof = await send({
      saslContinue: 1,
      conversationId: start.conversationId,
      payload: bytes(client.clientFinal(text(start.payload))),
    });
    expect(proof).toMatchObject({ ok: 1, done: false });
    expect(text(proof.payload)).toBe(client.expectedServerFinal());

    const last = await send({ saslContinue: 1, conversationId: 1, payload: bytes('') });
    expect(last).toMatchObject({ ok: 1, done: true });
    expect(await send({ count: 'c' })).toMatchObject({ ok: 1, n: 0 });
  });

  it('when skipEmptyExchange is set, then the proof step is the last', async () => {
    const send = await connection();
    const client = new ScramClient('wire', 'wire-password');
    const start = await send({
      saslStart: 1,
      mechanism: 'SCRAM-SHA-256',
      payload: bytes(client.clientFirst()),
      options: { skipEmptyExchange: true },
    });
    const proof = await send({
      saslContinue: 1,
      conversationId: start.conversationId,
      payload: bytes(client.clientFinal(text(start.payload))),
    });
    expect(proof).toMatchObject({ ok: 1, done: true });
    expect(await send({ count: 'c' })).toMatchObject({ ok: 1 });
  });

  it('when the proof is wrong, then code 18 and the connection stays unauthenticated', async () => {
    const send = await connection();
    const client = new ScramClient('wire', 'not-the-password');
    const start = await send({
      saslStart: 1,
      mechanism: 'SCRAM-SHA-256',
      payload: bytes(client.clientFirst()),
    });
    const proof = await send({
      saslContinue: 1,
      conversationId: start.conversationId,
      payload: bytes(client.clientFinal(text(start.payload))),
    });
    expect(proof).toMatchObject({
      ok: 0,
      code: 18,
      codeName: 'AuthenticationFailed',
      errmsg: 'Authentication failed.',
    });
    expect(await send({ count: 'c' })).toMatchObject({
      ok: 0,
      code: 13,
      errmsg: 'Command count requires authentication',
    });
    // The failed conversation is gone.
    expect(
      await send({ saslContinue: 1, conversationId: start.conversationId, payload: bytes('') }),
    ).toMatchObject({ ok: 0, code: 17 });
  });

  it('when a mechanism other than SCRAM-SHA-256 is asked for, then it is unavailable (334) or, for SCRAM-SHA-1, a failed authentication', async () => {
    const send = await connection();
    expect(
      await send({ saslStart: 1, mechanism: 'PLAIN', payload: bytes('\0wire\0x') }),
    ).toMatchObject({
      ok: 0,
      code: 334,
      codeName: 'MechanismUnavailable',
    });
    const client = new ScramClient('wire', 'wire-password');
    expect(
      await send({ saslStart: 1, mechanism: 'SCRAM-SHA-1', payload: bytes(client.clientFirst()) }),
    ).toMatchObject({ ok: 0, code: 18 });
  });

  it('when hello carries speculativeAuthenticate, then its saslStart is answered in the hello reply', async () => {
    const send = await connection();
    const client = new ScramClient('wire', 'wire-password');
    const hello = await send({
      hello: 1,
      $db: 'admin',
      speculativeAuthenticate: {
        saslStart: 1,
        mechanism: 'SCRAM-SHA-256',
        payload: bytes(client.clientFirst()),
        options: { skipEmptyExchange: true },
        db: 'shop',
      },
    });
    expect(hello.speculativeAuthenticate).toMatchObject({
      conversationId: expect.any(Number),
      done: false,
    });
    expect(hello.speculativeAuthenticate).not.toHaveProperty('ok');
    const proof = await send({
      saslContinue: 1,
      conversationId: hello.speculativeAuthenticate.conversationId,
      payload: bytes(client.clientFinal(text(hello.speculativeAuthenticate.payload))),
    });
    expect(proof).toMatchObject({ ok: 1, done: true });
  });
});
