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
  [
    'create with capped "x"',
    { create: 'capped-string', capped: 'x' },
    "BSON field 'create.capped' is the wrong type 'string', expected types '[bool, long, int, decimal, double]'",
  ],
  [
    'update with updates "x"',
    { update: 'items', updates: 'x' },
    "BSON field 'update.updates' is the wrong type 'string', expected type 'array'",
  ],
  [
    'delete with deletes [null]',
    { delete: 'items', deletes: [null] },
    "BSON field 'delete.deletes.0' is the wrong type 'null', expected type 'object'",
  ],
  [
    'update with arrayFilters "x"',
    {
      update: 'items',
      updates: [{ q: { _id: 1 }, u: { $set: { 'tags.$[t]': 'b' } }, arrayFilters: 'x' }],
    },
    "BSON field 'update.updates.arrayFilters' is the wrong type 'string', expected type 'array'",
  ],
  [
    'createIndexes with indexes "x"',
    { createIndexes: 'items', indexes: 'x' },
    "BSON field 'createIndexes.indexes' is the wrong type 'string', expected type 'array'",
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

describe('after a rejected argument', () => {
  it('when an update is rejected for its arrayFilters, then nothing is written and the connection serves the next command', async () => {
    const error = await commandError({
      update: 'items',
      updates: [
        { q: { _id: 2 }, u: { $set: { seen: true } } },
        { q: { _id: 1 }, u: { $set: { 'tags.$[t]': 'b' } }, arrayFilters: 'x' },
      ],
    });
    expect(error.codeName).toBe('TypeMismatch');
    const docs = await client.db(dbName).collection('items').find().sort({ _id: 1 }).toArray();
    expect(docs).toEqual([{ _id: 1, tags: ['a'] }, { _id: 2 }]);
  });
});
