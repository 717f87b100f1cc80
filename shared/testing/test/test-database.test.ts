import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '@fedshop/embedded-mongo';
import { startTestDatabaseServer } from '@fedshop/testing';

// TEST_MONGODB_URI may name a MongoDB that requires authentication (`mongod --auth`); an
// embedded server with a root user stands in for it here.

let server: EmbeddedMongo;
const saved = process.env.TEST_MONGODB_URI;

beforeAll(async () => {
  server = await startEmbeddedMongo({
    port: 0,
    users: [{ username: 'root', password: 'root secret' }],
  });
});

afterAll(async () => {
  if (saved === undefined) delete process.env.TEST_MONGODB_URI;
  else process.env.TEST_MONGODB_URI = saved;
  await server.stop();
});

async function roundTrip(uri: string): Promise<number> {
  const connection = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  try {
    await connection.collection('things').insertOne({ a: 1 });
    return await connection.collection('things').countDocuments();
  } finally {
    await connection.close();
  }
}

describe('startTestDatabaseServer with TEST_MONGODB_URI carrying credentials', () => {
  const withCredentials = () => {
    const url = new URL(server.uri);
    url.username = 'root';
    url.password = encodeURIComponent('root secret');
    return url;
  };

  it('when the URI names no database, then the unique databases authenticate against admin', async () => {
    process.env.TEST_MONGODB_URI = withCredentials().toString();
    const external = await startTestDatabaseServer();
    const uri = external.uniqueDatabaseUri('auth');
    expect(new URL(uri).pathname).toMatch(/^\/auth_[0-9a-f]{16}$/);
    expect(new URL(uri).searchParams.get('authSource')).toBe('admin');
    expect(await roundTrip(uri)).toBe(1);
  });

  it('when the URI names its own authSource, then it is kept', async () => {
    const url = withCredentials();
    url.pathname = '/ignored';
    url.searchParams.set('authSource', 'admin');
    process.env.TEST_MONGODB_URI = url.toString();
    const uri = (await startTestDatabaseServer()).uniqueDatabaseUri();
    expect(new URL(uri).searchParams.getAll('authSource')).toEqual(['admin']);
    expect(await roundTrip(uri)).toBe(1);
  });
});
