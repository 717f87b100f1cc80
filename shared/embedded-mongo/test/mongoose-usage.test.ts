import mongoose, { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// Ordinary mongoose use, each expectation taken from the MongoDB / Mongoose documentation.

const userSchema = new Schema({
  email: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  age: Number,
  tags: [String],
});
const postSchema = new Schema({
  title: String,
  author: { type: Schema.Types.ObjectId, ref: 'User' },
  likes: { type: Number, default: 0 },
});

const context = useEmbeddedMongo();
let connection: Connection;
const userModel = (c: Connection) => c.model('User', userSchema);
const postModel = (c: Connection) => c.model('Post', postSchema);
let User: ReturnType<typeof userModel>;
let Post: ReturnType<typeof postModel>;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(`${context.server.uri}/${uniqueDbName()}`)
    .asPromise();
  User = userModel(connection);
  Post = postModel(connection);
  await User.init();
  await Post.init();
});

afterAll(async () => {
  await connection.close();
});

describe('mongoose models on the embedded server', () => {
  it('when a schema declares unique: true, then listIndexes shows a unique index named email_1', async () => {
    // docs: "MongoDB creates a unique index ... default name is the field name and direction joined"
    const indexes = await User.collection.indexes();
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'email_1']);
    expect(indexes.find((i) => i.name === 'email_1')).toMatchObject({
      key: { email: 1 },
      unique: true,
    });
  });

  it('when a document is created, then findById returns it with an ObjectId _id and __v 0', async () => {
    const created = await User.create({ email: 'ada@example.com', name: 'Ada', age: 36 });
    const found = await User.findById(created._id).lean();
    expect(found).toEqual({
      _id: created._id,
      email: 'ada@example.com',
      name: 'Ada',
      age: 36,
      tags: [],
      __v: 0,
    });
    expect(found?._id).toBeInstanceOf(mongoose.Types.ObjectId);
  });

  it('when a second document repeats a unique email, then the insert fails with E11000 and keyValue', async () => {
    await User.create({ email: 'dup@example.com', name: 'First' });
    const error = await User.create({ email: 'dup@example.com', name: 'Second' }).catch(
      (e: unknown) => e,
    );
    // docs (unique indexes): "the insert fails with a duplicate key error", code 11000
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'dup@example.com' },
    });
    expect((error as Error).message).toContain(
      `E11000 duplicate key error collection: ${connection.name}.users index: email_1 dup key: { email: "dup@example.com" }`,
    );
  });

  it('when insertMany is ordered and one document is a duplicate, then the documents before it are inserted', async () => {
    // docs (insertMany, ordered): "stops on the first error; documents before it are inserted"
    const error = await User.insertMany([
      { email: 'o1@example.com', name: 'o1' },
      { email: 'dup@example.com', name: 'dup' },
      { email: 'o3@example.com', name: 'o3' },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000 });
    expect(await User.countDocuments({ email: /^o\d@/ })).toBe(1);
  });

  it('when insertMany is unordered, then every non-duplicate document is inserted', async () => {
    const error = await User.insertMany(
      [
        { email: 'u1@example.com', name: 'u1' },
        { email: 'dup@example.com', name: 'dup' },
        { email: 'u3@example.com', name: 'u3' },
      ],
      { ordered: false },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000 });
    expect(await User.countDocuments({ email: /^u\d@/ })).toBe(2);
  });

  it('when 250 documents are read, then the cursor delivers all of them across getMore batches', async () => {
    // docs (find): the first batch holds 101 documents; the rest come with getMore.
    await Post.insertMany(
      Array.from({ length: 250 }, (_, i) => ({ title: `post ${i}`, likes: i })),
    );
    const posts = await Post.find({ title: /^post / }).lean();
    expect(posts).toHaveLength(250);
    expect(new Set(posts.map((p) => p.title)).size).toBe(250);
  });

  it('when find has sort, skip, limit and a projection, then it returns that page with only the chosen fields', async () => {
    const page = await Post.find({ likes: { $gte: 10 } }, { likes: 1 })
      .sort({ likes: -1 })
      .skip(2)
      .limit(3)
      .lean();
    // likes 249, 248 skipped; _id is included unless excluded (docs: projection).
    expect(page.map((p) => p.likes)).toEqual([247, 246, 245]);
    expect(Object.keys(page[0] ?? {})).toEqual(['_id', 'likes']);
  });

  it('when countDocuments and estimatedDocumentCount run, then they count matches and the collection', async () => {
    expect(await Post.countDocuments({ likes: { $lt: 100 } })).toBe(100);
    expect(await Post.estimatedDocumentCount()).toBe(250);
  });

  it('when updateOne upserts with $setOnInsert, then the new document has the filter, $set and $setOnInsert fields', async () => {
    // docs ($setOnInsert): assigns the values only when the update inserts a document.
    const result = await User.updateOne(
      { email: 'new@example.com' },
      { $set: { name: 'New' }, $setOnInsert: { age: 1 } },
      { upsert: true },
    );
    expect(result).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(
      await User.findOne(
        { email: 'new@example.com' },
        { _id: 0, email: 1, name: 1, age: 1 },
      ).lean(),
    ).toEqual({
      email: 'new@example.com',
      name: 'New',
      age: 1,
    });
    // On a match, $setOnInsert does nothing.
    await User.updateOne(
      { email: 'new@example.com' },
      { $set: { name: 'Again' }, $setOnInsert: { age: 99 } },
      { upsert: true },
    );
    expect(await User.findOne({ email: 'new@example.com' }).lean()).toMatchObject({
      name: 'Again',
      age: 1,
    });
  });

  it('when updateMany matches several documents, then matchedCount and modifiedCount report them', async () => {
    await User.insertMany([
      { email: 'm1@example.com', name: 'm', age: 10 },
      { email: 'm2@example.com', name: 'm', age: 11 },
      { email: 'm3@example.com', name: 'm', age: 50 },
    ]);
    const result = await User.updateMany({ name: 'm', age: { $lt: 20 } }, { $inc: { age: 1 } });
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const ages = (await User.find({ name: 'm' }).sort({ email: 1 }).lean()).map((u) => u.age);
    expect(ages).toEqual([11, 12, 50]);
  });

  it('when findOneAndUpdate returns the document after the update, then it carries the new values', async () => {
    const after = await User.findOneAndUpdate(
      { email: 'm3@example.com' },
      { $push: { tags: 'vip' }, $set: { age: 51 } },
      { returnDocument: 'after' },
    ).lean();
    expect(after).toMatchObject({ email: 'm3@example.com', age: 51, tags: ['vip'] });
    const before = await User.findOneAndUpdate(
      { email: 'm3@example.com' },
      { $set: { age: 52 } },
    ).lean();
    // default returnDocument is 'before'
    expect(before?.age).toBe(51);
  });

  it('when findOneAndUpdate would duplicate a unique key, then it rejects with code 11000', async () => {
    const error = await User.findOneAndUpdate(
      { email: 'm1@example.com' },
      { $set: { email: 'm2@example.com' } },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyValue: { email: 'm2@example.com' } });
  });

  it('when _id is changed by an update, then the server rejects it as an immutable field (code 66)', async () => {
    const error = await User.collection
      .updateOne({ email: 'm1@example.com' }, { $set: { _id: new mongoose.Types.ObjectId() } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 66 });
    expect((error as Error).message).toBe(
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  });

  it('when deleteOne and deleteMany run, then deletedCount reports what was removed', async () => {
    expect(await User.deleteOne({ email: 'm1@example.com' })).toMatchObject({ deletedCount: 1 });
    expect(await User.deleteMany({ name: 'm' })).toMatchObject({ deletedCount: 2 });
    expect(await User.deleteMany({ name: 'nobody' })).toMatchObject({ deletedCount: 0 });
  });

  it('when populate follows a ref, then the referenced user replaces the ObjectId', async () => {
    const author = await User.create({ email: 'author@example.com', name: 'Author' });
    await Post.create({ title: 'with author', author: author._id });
    const post = await Post.findOne({ title: 'with author' })
      .populate<{ author: { name: string } }>('author')
      .lean();
    expect(post?.author.name).toBe('Author');
  });

  it('when $in lists ObjectIds, then exactly the documents with those ids match', async () => {
    const [a, b, c] = await User.insertMany([
      { email: 'in1@example.com', name: 'in' },
      { email: 'in2@example.com', name: 'in' },
      { email: 'in3@example.com', name: 'in' },
    ]);
    const ids = [a!._id, c!._id].map((id) => new mongoose.Types.ObjectId(id.toHexString()));
    const found = await User.find({ _id: { $in: ids } })
      .sort({ email: 1 })
      .lean();
    expect(found.map((u) => u.email)).toEqual(['in1@example.com', 'in3@example.com']);
    expect(b).toBeDefined();
  });

  it('when distinct runs, then each value appears once', async () => {
    expect((await User.distinct('name', { name: 'in' })).sort()).toEqual(['in']);
  });

  it('when aggregate groups, sorts and looks up, then it returns the documented results', async () => {
    const counts = await User.aggregate<{ _id: string; n: number }>([
      { $match: { name: { $in: ['in', 'Author'] } } },
      { $group: { _id: '$name', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(counts).toEqual([
      { _id: 'Author', n: 1 },
      { _id: 'in', n: 3 },
    ]);
    const joined = await Post.aggregate<{ title: string; writers: { name: string }[] }>([
      { $match: { title: 'with author' } },
      { $lookup: { from: 'users', localField: 'author', foreignField: '_id', as: 'writers' } },
    ]);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.writers.map((w) => w.name)).toEqual(['Author']);
  });

  it('when bulkWrite mixes inserts, updates and deletes, then each count is reported', async () => {
    const result = await User.bulkWrite([
      { insertOne: { document: { email: 'bulk1@example.com', name: 'bulk' } } },
      { insertOne: { document: { email: 'bulk2@example.com', name: 'bulk' } } },
      { updateOne: { filter: { email: 'bulk1@example.com' }, update: { $set: { age: 5 } } } },
      { deleteOne: { filter: { email: 'bulk2@example.com' } } },
    ]);
    expect(result).toMatchObject({
      insertedCount: 2,
      matchedCount: 1,
      modifiedCount: 1,
      deletedCount: 1,
    });
  });

  it('when a query cursor is iterated with eachAsync, then every document is visited once', async () => {
    let visited = 0;
    await Post.find({ title: /^post / })
      .cursor({ batchSize: 40 })
      .eachAsync(() => {
        visited++;
      });
    expect(visited).toBe(250);
  });

  it('when exists, findOneAndDelete and findOneAndReplace run, then they behave as documented', async () => {
    expect(await User.exists({ email: 'bulk1@example.com' })).toMatchObject({
      _id: expect.anything(),
    });
    expect(await User.exists({ email: 'nobody@example.com' })).toBeNull();
    const deleted = await User.findOneAndDelete({ email: 'bulk1@example.com' }).lean();
    expect(deleted?.age).toBe(5);
    await User.create({ email: 'replace@example.com', name: 'Old', age: 1 });
    const replaced = await User.findOneAndReplace(
      { email: 'replace@example.com' },
      { email: 'replace@example.com', name: 'New' },
      { returnDocument: 'after' },
    ).lean();
    expect(replaced).toMatchObject({ name: 'New' });
    expect(replaced?.age).toBeUndefined();
  });

  it('when a schema has timestamps and syncIndexes runs, then createdAt/updatedAt are Dates and indexes match the schema', async () => {
    const Stamped = connection.model(
      'Stamped',
      new Schema({ code: { type: String, index: true } }, { timestamps: true }),
    );
    await Stamped.syncIndexes();
    const doc = await Stamped.create({ code: 'c1' });
    const read = await Stamped.findById(doc._id).lean();
    expect(read?.createdAt).toBeInstanceOf(Date);
    expect(read?.updatedAt).toBeInstanceOf(Date);
    expect((await Stamped.collection.indexes()).map((i) => i.name).sort()).toEqual([
      '_id_',
      'code_1',
    ]);
  });

  it('when the connection drops the database, then its collections are gone', async () => {
    const other = await mongoose
      .createConnection(`${context.server.uri}/${uniqueDbName()}`)
      .asPromise();
    const Thing = other.model('Thing', new Schema({ x: Number }));
    await Thing.init(); // otherwise its background index build may recreate the collection
    await Thing.create({ x: 1 });
    await other.dropDatabase();
    expect(await other.db!.listCollections().toArray()).toEqual([]);
    await other.close();
  });
});
