import { MongoClient } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { useEmbeddedMongo } from './embedded-server.js';

/** A server plus a connected official-driver client for the test file. */
export function useDriverClient(): { readonly client: MongoClient; readonly uri: string } {
  const context = useEmbeddedMongo();
  const holder: { client?: MongoClient } = {};
  beforeAll(async () => {
    holder.client = await new MongoClient(context.server.uri, {
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
      return context.server.uri;
    },
  };
}
