import { Long, MongoClient, MongoServerError } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo, type Logger } from '@fedshop/embedded-mongo';
import { uniqueDbName } from './support/embedded-server.js';
import { credentialUri } from './support/credential-uri.js';

// Expected codes and messages are those of `mongod --auth` (error_codes.yml: 13
// Unauthorized, 18 AuthenticationFailed; "Command find requires authentication").

const shop = uniqueDbName();
const other = uniqueDbName();
let server: EmbeddedMongo;
const clients: MongoClient[] = [];
let cursorId: Long;

function client(uri: string): MongoClient {
  const c = new MongoClient(uri, {
    serverSelectionTimeoutMS: 5_000,
    retryReads: false,
    retryWrites: false,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startEmbeddedMongo({
    port: 0,
    users: [
      { username: 'alice', password: 'wonder land', db: shop },
      { username: 'root', password: 'r00t-secret' },
    ],
  });
  const alice = client(credentialUri(server.uri, 'alice', 'wonder land', shop));
  await alice
    .db(shop)
    .collection('items')
    .insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: i })) as never);
  // An open cursor whose id the refused clients then try to read.
  const reply = await alice.db(shop).command({ find: 'items', batchSize: 1 });
  cursorId = reply.cursor.id as Long;
  expect(cursorId.isZero()).toBe(false);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await server?.stop();
});

async function refusal(operation: Promise<unknown>): Promise<MongoServerError> {
  const error = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

const operations = {
  find: (c: MongoClient) => c.db(shop).collection('items').find().toArray(),
  insert: (c: MongoClient) => c.db(shop).collection('items').insertOne({ intruder: true }),
  listDatabases: (c: MongoClient) => c.db('admin').admin().listDatabases(),
  getMore: (c: MongoClient) =>
    c.db(shop).command({ getMore: cursorId, collection: 'items', batchSize: 1 }),
};

describe('a client without credentials', () => {
  for (const [name, run] of Object.entries(operations)) {
    it(`when it runs ${name}, then it is refused with code 13 Unauthorized`, async () => {
      const error = await refusal(run(client(server.uri)));
      expect(error).toMatchObject({
        code: 13,
        codeName: 'Unauthorized',
        message: `Command ${name} requires authentication`,
      });
    });
  }

  it('when it says hello, ping or buildInfo, then it is answered (the handshake needs them)', async () => {
    const anonymous = client(server.uri);
    const admin = anonymous.db('admin');
    await expect(admin.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    await expect(admin.command({ buildInfo: 1 })).resolves.toMatchObject({ ok: 1 });
    await expect(admin.command({ hello: 1 })).resolves.toMatchObject({ isWritablePrimary: true });
  });

  it('when it asks for the mechanisms of a user, then hello lists SCRAM-SHA-256 only for a known user', async () => {
    const admin = client(server.uri).db('admin');
    const known = await admin.command({ hello: 1, saslSupportedMechs: `${shop}.alice` });
    expect(known.saslSupportedMechs).toEqual(['SCRAM-SHA-256']);
    const unknown = await admin.command({ hello: 1, saslSupportedMechs: `${shop}.mallory` });
    expect(unknown).not.toHaveProperty('saslSupportedMechs');
  });

  it('when it runs an unknown command, then it hears code 59 as from mongod', async () => {
    const error = await refusal(client(server.uri).db(shop).command({ frobnicate: 1 }));
    expect(error.code).toBe(59);
  });
});

describe('a client with wrong credentials', () => {
  const wrong = {
    'a wrong password': () => credentialUri(server.uri, 'alice', 'wonder-land', shop),
    'an unknown user': () => credentialUri(server.uri, 'mallory', 'wonder land', shop),
    'the right user of another database': () =>
      credentialUri(server.uri, 'alice', 'wonder land', other),
  };
  for (const [how, uri] of Object.entries(wrong)) {
    for (const [name, run] of Object.entries(operations)) {
      it(`when it has ${how} and runs ${name}, then it is refused with code 18 AuthenticationFailed`, async () => {
        const error = await refusal(run(client(uri())));
        expect(error).toMatchObject({
          code: 18,
          codeName: 'AuthenticationFailed',
          message: 'Authentication failed.',
        });
      });
    }
  }
});

describe('a client with the right credentials', () => {
  it('when alice reads and writes her database, then every operation works', async () => {
    const alice = client(credentialUri(server.uri, 'alice', 'wonder land', shop));
    const items = alice.db(shop).collection('items');
    await items.insertOne({ _id: 'mine' } as never);
    expect(await items.countDocuments()).toBe(6);
    const cursor = items.find({}, { batchSize: 2 });
    expect((await cursor.toArray()).length).toBe(6); // through getMore
  });

  it('when alice lists databases, then she sees only her own', async () => {
    const alice = client(credentialUri(server.uri, 'alice', 'wonder land', shop));
    const { databases } = await alice.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toEqual([shop]);
  });

  it('when alice uses another database, then she is not authorized (code 13)', async () => {
    const alice = client(credentialUri(server.uri, 'alice', 'wonder land', shop));
    const error = await refusal(alice.db(other).collection('x').find().toArray());
    expect(error).toMatchObject({ code: 13, codeName: 'Unauthorized' });
    expect(error.message).toMatch(
      new RegExp(`^not authorized on ${other} to execute command \\{ find: "x"`),
    );
  });

  it('when a user of admin uses any database, then it works and lists every database', async () => {
    const root = client(credentialUri(server.uri, 'root', 'r00t-secret', 'admin'));
    await root.db(other).collection('x').insertOne({ a: 1 });
    expect(await root.db(shop).collection('items').countDocuments()).toBeGreaterThanOrEqual(5);
    const names = (await root.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining([shop, other]));
  });
});

describe('mongoose with credentials, as a service connects', () => {
  it('when a model builds its indexes and writes, then it works on the own database', async () => {
    const connection = await mongoose
      .createConnection(credentialUri(server.uri, 'alice', 'wonder land', shop))
      .asPromise();
    try {
      const Account = connection.model(
        'Account',
        new mongoose.Schema({ email: { type: String, unique: true } }),
      );
      await Account.init();
      await Account.create({ email: 'a@shop.test' });
      const duplicate = await Account.create({ email: 'a@shop.test' }).catch((e: unknown) => e);
      expect(duplicate).toMatchObject({ code: 11000 });
      expect(await Account.countDocuments()).toBe(1);
    } finally {
      await connection.close();
    }
  });
});

describe('createUser and dropUser', () => {
  it('when root creates a user, then it can log in, and after dropUser it is refused', async () => {
    const db = uniqueDbName();
    const root = client(credentialUri(server.uri, 'root', 'r00t-secret', 'admin'));
    await root.db(db).command({ createUser: 'bob', pwd: 'b0b', roles: [] });
    const bob = client(credentialUri(server.uri, 'bob', 'b0b', db));
    await bob.db(db).collection('c').insertOne({ by: 'bob' });
    // Stored as SCRAM keys, never the password.
    const stored = await root
      .db('admin')
      .collection('system.users')
      .findOne({ _id: `${db}.bob` } as never);
    expect(JSON.stringify(stored)).not.toContain('b0b');
    expect(stored?.credentials['SCRAM-SHA-256']).toMatchObject({ iterationCount: 15000 });

    const again = await refusal(root.db(db).command({ createUser: 'bob', pwd: 'x', roles: [] }));
    expect(again).toMatchObject({ code: 51003, message: `User "bob@${db}" already exists` });

    await root.db(db).command({ dropUser: 'bob' });
    // The connection bob has open loses its rights, a new one cannot log in.
    const dropped = await refusal(bob.db(db).collection('c').find().toArray());
    expect(dropped.code).toBe(13);
    const fresh = await refusal(
      client(credentialUri(server.uri, 'bob', 'b0b', db))
        .db(db)
        .command({ ping: 1 }),
    );
    expect(fresh.code).toBe(18);
    const missing = await refusal(root.db(db).command({ dropUser: 'bob' }));
    expect(missing).toMatchObject({ code: 11, message: `User 'bob@${db}' not found` });
  });

  it('when a password needs SASLprep, then the prepared form logs in (RFC 4013: I<U+00AD>X is IX)', async () => {
    const db = uniqueDbName();
    const root = client(credentialUri(server.uri, 'root', 'r00t-secret', 'admin'));
    await root.db(db).command({ createUser: 'carol', pwd: 'IX', roles: [] });
    const carol = client(credentialUri(server.uri, 'carol', 'I\u00ADX', db));
    await expect(carol.db(db).command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('when an unauthenticated client calls createUser, then it is refused with code 13', async () => {
    const error = await refusal(
      client(server.uri).db(shop).command({ createUser: 'eve', pwd: 'e', roles: [] }),
    );
    expect(error).toMatchObject({
      code: 13,
      message: 'Command createUser requires authentication',
    });
  });

  it('when a user of the start options is dropped, then the command fails and the user stays', async () => {
    const root = client(credentialUri(server.uri, 'root', 'r00t-secret', 'admin'));
    const error = await refusal(root.db(shop).command({ dropUser: 'alice' }));
    expect(error.code).toBe(20);
  });
});

describe('start options', () => {
  it('when users is empty or malformed, then the start fails with a message naming the entry', async () => {
    await expect(startEmbeddedMongo({ users: [] })).rejects.toThrow(/non-empty array/);
    await expect(startEmbeddedMongo({ users: [{ username: 'a', password: '' }] })).rejects.toThrow(
      'users[0].password must be a non-empty string',
    );
    await expect(
      startEmbeddedMongo({ users: [{ username: 'a', password: 'p', db: 'a.b' }] }),
    ).rejects.toThrow(/users\[0\]\.db must be a database name/);
  });

  it('when started without users, then it warns that authentication is disabled and serves everyone', async () => {
    const warnings: string[] = [];
    const logger: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
    const open = await startEmbeddedMongo({ port: 0, logger });
    try {
      expect(warnings.join('\n')).toMatch(/authentication is disabled/);
      const anyone = client(open.uri);
      await anyone.db('x').collection('y').insertOne({ a: 1 });
      // A user made there can still authenticate, as with mongod without --auth.
      await anyone.db('x').command({ createUser: 'dan', pwd: 'd4n', roles: [] });
      const dan = client(credentialUri(open.uri, 'dan', 'd4n', 'x'));
      expect(await dan.db('x').collection('y').countDocuments()).toBe(1);
      const wrong = await refusal(
        client(credentialUri(open.uri, 'dan', 'nope', 'x'))
          .db('x')
          .command({ ping: 1 }),
      );
      expect(wrong.code).toBe(18);
    } finally {
      await open.stop();
    }
  });
});
