import { MongoClient } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { credentialUri } from './credential-uri.js';
import { useEmbeddedMongo } from './embedded-server.js';

/**
 * The user the conformance suites authenticate as: a user of `admin`, so every test
 * database is open to it. `EMBEDDED_MONGO_TEST_AUTH=off` runs the same suites against a
 * server without authentication.
 */
const testUser = { username: 'conformance', password: 'conformance-password' };
const withAuth = process.env.EMBEDDED_MONGO_TEST_AUTH !== 'off';

/** A server plus a connected official-driver client for the test file. */
export function useDriverClient(): { readonly client: MongoClient; readonly uri: string } {
  const context = useEmbeddedMongo(withAuth ? { users: [testUser] } : {});
  const holder: { client?: MongoClient } = {};
  const uri = () =>
    withAuth
      ? credentialUri(context.server.uri, testUser.username, testUser.password, 'admin')
      : context.server.uri;
  beforeAll(async () => {
    holder.client = await new MongoClient(uri(), {
      serverSelectionTimeoutMS: 5_000,
    }).connect();
  });
  afterAll(async () => {
    await holder.client?.close();
  });
  return {
    get client(): MongoClient {
      if (!holder.client) throw new Error('client not connected');
      return holder.client;
    },
    get uri(): string {
      return uri();
    },
  };
}
