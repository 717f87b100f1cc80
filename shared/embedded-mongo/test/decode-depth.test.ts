import type { Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';
import { opMsg, RawConnection, replyDocument } from './support/raw-connection.js';

// A command is decoded up to 200 levels deep (MongoDB's maxBSONDepth default); deeper
// ones are refused before the recursive decoder runs, with Overflow (15). Within that,
// a document to store is still held to the 100 levels of "MongoDB Limits and
// Thresholds", also Overflow but with the storage message.

const context = useEmbeddedMongo();
const dbName = uniqueDbName();

function nested(levels: number): Document {
  let doc: Document = { leaf: 1 };
  for (let i = 1; i < levels; i++) doc = { n: doc };
  return doc;
}

async function insertReply(doc: Document): Promise<Document> {
  const conn = await RawConnection.open(context.server.port);
  try {
    // The body carries the document: command (1) > documents array (2) > document (3).
    conn.write(opMsg({ insert: 'deep', documents: [doc], $db: dbName }, { flags: 0 }));
    return replyDocument((await conn.readMessage(10_000)) as Buffer).doc;
  } finally {
    conn.close();
  }
}

describe('decoding depth', () => {
  it('when a command nests 201 levels, then it is refused before decoding with Overflow', async () => {
    expect(await insertReply(nested(199))).toMatchObject({
      ok: 0,
      code: 15,
      errmsg: 'BSONObj exceeds maximum nested object depth: 200',
    });
  });

  it('when a command nests 200 levels, then it is decoded and the document meets the storage limit', async () => {
    const reply = await insertReply(nested(198));
    expect(reply).toMatchObject({ ok: 1, n: 0 });
    expect(reply.writeErrors?.[0]).toMatchObject({
      code: 15,
      errmsg: 'Document exceeds maximum nesting depth of 100',
    });
  });

  it('when a document of 100 levels is sent in the body, then it is stored', async () => {
    expect(await insertReply(nested(100))).toMatchObject({ ok: 1, n: 1 });
  });
});
