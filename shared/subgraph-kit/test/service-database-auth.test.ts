import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import { openServiceDatabase, type ServiceDatabase } from '@fedshop/subgraph-kit';

// Issue 10: a service's embedded store answers only the service. Anyone else connecting
// to its port is refused as by `mongod --auth` (code 13 before authentication).

const { logger } = createMemoryLogger({ service: 'test' });
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** A separate client on the store's port: a local process that is not the service. */
async function outsider(database: ServiceDatabase, credentials?: string) {
  const { host, port } = database.connection;
  const auth = credentials ? `${credentials}@` : '';
  const connection = await mongoose
    .createConnection(`mongodb://${auth}${host}:${port}/users`, { serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  return connection;
}

describe('openServiceDatabase with the embedded store', () => {
  let dataDir: string;
  const open: ServiceDatabase[] = [];
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'subgraph-kit-store-auth-')), 'data');
  });
  afterEach(async () => {
    for (const database of open.splice(0)) await database.close().catch(() => {});
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  async function openUsers(dir: string | undefined = dataDir) {
    const database = await openServiceDatabase({ service: 'users', dataDir: dir, logger });
    open.push(database);
    return database;
  }

  it('when the service opens its store, then it works and a client without credentials is refused', async () => {
    const database = await openUsers();
    await database.connection.collection('accounts').insertOne({ email: 'a@shop.test' });

    const anonymous = await outsider(database);
    try {
      await expect(anonymous.collection('accounts').findOne()).rejects.toMatchObject({
        code: 13,
        message: 'Command find requires authentication',
      });
    } finally {
      await anonymous.close();
    }
  });

  it('when credentials are generated, then they are kept private in DATA_DIR and reused after a restart', async () => {
    const first = await openUsers();
    await first.connection.collection('accounts').insertOne({ email: 'kept@shop.test' });
    await first.close();
    open.splice(0);

    const file = join(dataDir, 'users.mongo-credentials.json');
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(join(dataDir, 'users'))).toBe(0o700);
    expect(await modeOf(join(dataDir, 'users', 'journal'))).toBe(0o600);
    const { users } = JSON.parse(await readFile(file, 'utf8')) as {
      users: { username: string; password: string; db: string }[];
    };
    expect(users).toEqual([{ username: 'users', password: expect.any(String), db: 'users' }]);

    const second = await openUsers();
    expect(await second.connection.collection('accounts').countDocuments()).toBe(1);
    const withFile = await outsider(
      second,
      `${users[0]!.username}:${encodeURIComponent(users[0]!.password)}`,
    );
    try {
      expect(await withFile.collection('accounts').countDocuments()).toBe(1);
    } finally {
      await withFile.close();
    }
    const guessed = await outsider(second, 'users:guessed-password').catch((e: unknown) => e);
    expect(guessed).toMatchObject({ code: 18 });
  });

  it('when the credentials file is readable by others, then it is made private again', async () => {
    await (await openUsers()).close();
    open.splice(0);
    const file = join(dataDir, 'users.mongo-credentials.json');
    await chmod(file, 0o644);
    await openUsers();
    expect(await modeOf(file)).toBe(0o600);
  });

  it('when the credentials file is damaged, then the start fails naming the file and the fix', async () => {
    await (await openUsers()).close();
    open.splice(0);
    const file = join(dataDir, 'users.mongo-credentials.json');
    await writeFile(file, '{"users": [');
    await expect(openUsers()).rejects.toThrow(
      `${file} does not hold the credentials of the users store`,
    );
  });

  it('when there is no data directory, then the in-memory store requires credentials too', async () => {
    const database = await openUsers(undefined);
    await database.connection.collection('accounts').insertOne({ email: 'm@shop.test' });
    const anonymous = await outsider(database);
    try {
      await expect(anonymous.collection('accounts').countDocuments()).rejects.toMatchObject({
        code: 13,
      });
    } finally {
      await anonymous.close();
    }
  });
});
