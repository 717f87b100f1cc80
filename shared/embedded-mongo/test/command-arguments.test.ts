import type { Document } from 'bson';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// Arguments of the wrong BSON type, or negative counts, get MongoDB's command errors
// (as its IDL parser words them) instead of being ignored or failing inside the server.

const context = useEmbeddedMongo();
let client: MongoClient;
const dbName = uniqueDbName();

beforeAll(async () => {
  client = await new MongoClient(context.server.uri).connect();
  await client
    .db(dbName)
    .collection('items')
    .insertMany([{ _id: 1 as never, tags: ['a'] }, { _id: 2 as never }]);
});

afterAll(async () => {
  await client.close();
});

async function commandError(command: Document): Promise<MongoServerError> {
  const error: unknown = await client
    .db(dbName)
    .command(command)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

const numeric = "expected types '[long, int, decimal, double]'";

const typeMismatches: [string, Document, string][] = [
  [
    'find with limit "x"',
    { find: 'items', limit: 'x' },
    `BSON field 'find.limit' is the wrong type 'string', ${numeric}`,
  ],
  [
    'find with batchSize "a"',
    { find: 'items', batchSize: 'a' },
    `BSON field 'find.batchSize' is the wrong type 'string', ${numeric}`,
  ],
  [
    'count with skip "x"',
    { count: 'items', skip: 'x' },
    `BSON field 'count.skip' is the wrong type 'string', ${numeric}`,
  ],
  [
    'findAndModify with sort "x"',
    { findAndModify: 'items', query: {}, remove: true, sort: 'x' },
    "BSON field 'findAndModify.sort' is the wrong type 'string', expected type 'object'",
  ],
];

describe('arguments of the wrong type', () => {
  it.each(typeMismatches)(
    'when %s, then the reply is TypeMismatch naming the field',
    async (_case, command, errmsg) => {
      const error = await commandError(command);
      expect(error.code).toBe(14);
      expect(error.codeName).toBe('TypeMismatch');
      expect(error.errmsg).toBe(errmsg);
    },
  );
});

describe('negative counts', () => {
  it.each([
    [
      'skip',
      { find: 'items', skip: -5 },
      "BSON field 'skip' value must be >= 0, actual value '-5'",
    ],
    [
      'batchSize',
      { find: 'items', batchSize: -3 },
      "BSON field 'batchSize' value must be >= 0, actual value '-3'",
    ],
  ] as [string, Document, string][])(
    'when find has a negative %s, then the reply is Location51024 naming the field and value',
    async (_field, command, errmsg) => {
      const error = await commandError(command);
      expect(error.code).toBe(51024);
      expect(error.codeName).toBe('Location51024');
      expect(error.errmsg).toBe(errmsg);
    },
  );
});
