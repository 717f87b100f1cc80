import { randomUUID } from 'node:crypto';
import { startEmbeddedMongo } from '@fedshop/embedded-mongo';

export interface TestDatabaseServer {
  /** A URI naming a fresh, unique database on the server. */
  uniqueDatabaseUri(prefix?: string): string;
  stop(): Promise<void>;
}

/**
 * The MongoDB server tests talk to: a real one when `TEST_MONGODB_URI` is set (for
 * example `mongodb://127.0.0.1:27017`, or with credentials
 * `mongodb://root:secret@127.0.0.1:27017/admin`), else an embedded one on a free port.
 */
export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const external = process.env.TEST_MONGODB_URI;
  if (external) {
    return { uniqueDatabaseUri: (prefix) => withDatabase(external, prefix), stop: async () => {} };
  }
  const embedded = await startEmbeddedMongo({ port: 0 });
  return {
    uniqueDatabaseUri: (prefix) => withDatabase(embedded.uri, prefix),
    stop: () => embedded.stop(),
  };
}

function withDatabase(serverUri: string, prefix = 'test'): string {
  const url = new URL(serverUri);
  // Credentials are checked against the URI's database (or admin) unless authSource says
  // otherwise; the fresh test database must not take over that role.
  if (url.username && !url.searchParams.has('authSource')) {
    url.searchParams.set('authSource', url.pathname.slice(1) || 'admin');
  }
  url.pathname = `/${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  return url.toString();
}
