import mongoose, { Schema, Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName, useEmbeddedMongo } from './support/embedded-server.js';

// Update shapes mongoose writes in ordinary use. Expected values follow the MongoDB manual
// pages named in each test and the mongoose guide ("Timestamps": subdocuments get their
// own createdAt/updatedAt).

const context = useEmbeddedMongo();
let connection: Connection;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(`${context.server.uri}/${uniqueDbName()}`)
    .asPromise();
});

afterAll(async () => {
  await connection.close();
});

describe('mongoose update shapes', () => {
  it('when a subdocument with timestamps is updated through $, then both of its fields change', async () => {
    // mongoose sends { $set: { 'children.$.name': 'bar', 'children.$.updatedAt': now } }.
    const Child = new Schema({ name: String }, { timestamps: true });
    const Parent = connection.model('Parent', new Schema({ children: [Child] }));
    const parent = await Parent.create({ children: [{ name: 'foo' }, { name: 'baz' }] });
    const before = parent.children[1]?.get('updatedAt') as Date;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Parent.updateOne(
      { _id: parent._id, 'children.name': 'baz' },
      { $set: { 'children.$.name': 'bar' } },
    );
    const after = await Parent.findById(parent._id).lean();
    expect(after?.children.map((c) => c.name)).toEqual(['foo', 'bar']);
    const updatedAt = (after?.children[1] as { updatedAt?: Date } | undefined)?.updatedAt;
    expect(updatedAt).toBeInstanceOf(Date);
    expect(updatedAt!.getTime()).toBeGreaterThan(before.getTime());
  });

  it('when $addToSet targets comments.$ with timestamps, then the tag is added once', async () => {
    const Comment = new Schema({ text: String, tags: [String] }, { timestamps: true });
    const Post = connection.model('PostTags', new Schema({ comments: [Comment] }));
    const post = await Post.create({ comments: [{ text: 'hi', tags: ['a'] }] });
    for (const tag of ['b', 'b']) {
      await Post.updateOne(
        { _id: post._id, 'comments.text': 'hi' },
        { $addToSet: { 'comments.$.tags': tag } },
      );
    }
    const after = await Post.findById(post._id).lean();
    expect(after?.comments[0]?.tags).toEqual(['a', 'b']);
  });

  it('when arrayFilters update subdocuments with timestamps, then only the filtered ones change', async () => {
    const Item = new Schema({ sku: String, qty: Number }, { timestamps: true });
    const Cart = connection.model('Cart', new Schema({ items: [Item] }, { timestamps: true }));
    const cart = await Cart.create({
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 1 },
      ],
    });
    await Cart.updateOne(
      { _id: cart._id },
      { $set: { 'items.$[i].qty': 5 } },
      { arrayFilters: [{ 'i.sku': 'b' }] },
    );
    const after = await Cart.findById(cart._id).lean();
    expect(after?.items.map((i) => [i.sku, i.qty])).toEqual([
      ['a', 1],
      ['b', 5],
    ]);
  });

  it('when $pull removes subdocuments without _id by a field, then the others stay', async () => {
    // manual $pull "Remove Items from an Array of Documents".
    const Line = new Schema({ sku: String, n: Number }, { _id: false });
    const Order = connection.model('PullOrder', new Schema({ lines: [Line] }));
    const order = await Order.create({
      lines: [
        { sku: 'a', n: 1 },
        { sku: 'b', n: 2 },
        { sku: 'a', n: 3 },
      ],
    });
    await Order.updateOne({ _id: order._id }, { $pull: { lines: { sku: 'a' } } });
    const after = await Order.findById(order._id).lean();
    expect(after?.lines).toEqual([{ sku: 'b', n: 2 }]);
  });

  it('when $pull has an $or condition, then elements matching either branch go', async () => {
    const Line = new Schema({ sku: String, n: Number }, { _id: false });
    const Order = connection.model('PullOr', new Schema({ lines: [Line] }));
    const order = await Order.create({
      lines: [
        { sku: 'a', n: 1 },
        { sku: 'b', n: 2 },
        { sku: 'c', n: 3 },
      ],
    });
    await Order.updateOne(
      { _id: order._id },
      { $pull: { lines: { $or: [{ sku: 'a' }, { n: { $gte: 3 } }] } } },
    );
    const after = await Order.findById(order._id).lean();
    expect(after?.lines).toEqual([{ sku: 'b', n: 2 }]);
  });
});

describe('stock reservation in one conditional update', () => {
  const stockSchema = new Schema({
    stock: { type: Number, required: true },
    holds: [new Schema({ orderId: String, quantity: Number }, { _id: false })],
  });
  const stockModel = (c: Connection) => c.model('Stock', stockSchema);
  let model: ReturnType<typeof stockModel> | undefined;
  const Product = () => (model ??= stockModel(connection));

  /** Reserve `quantity` for `orderId` only if enough stock is left and no hold exists yet. */
  async function reserve(id: Types.ObjectId, orderId: string, quantity: number) {
    return Product().findOneAndUpdate(
      { _id: id, stock: { $gte: quantity }, 'holds.orderId': { $ne: orderId } },
      { $inc: { stock: -quantity }, $push: { holds: { orderId, quantity } } },
      { new: true },
    );
  }

  async function release(id: Types.ObjectId, orderId: string, quantity: number) {
    return Product().updateOne(
      { _id: id, 'holds.orderId': orderId },
      { $inc: { stock: quantity }, $pull: { holds: { orderId } } },
    );
  }

  it('when stock suffices and the order holds nothing, then stock drops and the hold is pushed', async () => {
    const product = await Product().create({ stock: 5, holds: [] });
    const after = await reserve(product._id, 'o1', 2);
    expect(after?.toObject()).toMatchObject({ stock: 3, holds: [{ orderId: 'o1', quantity: 2 }] });
  });

  it('when the same order reserves again, then nothing matches and stock stays', async () => {
    const product = await Product().create({ stock: 5, holds: [] });
    await reserve(product._id, 'o1', 2);
    expect(await reserve(product._id, 'o1', 2)).toBeNull();
    const stored = await Product().findById(product._id).lean();
    expect(stored).toMatchObject({ stock: 3, holds: [{ orderId: 'o1', quantity: 2 }] });
  });

  it('when stock is short, then nothing matches and nothing changes', async () => {
    const product = await Product().create({ stock: 1, holds: [] });
    expect(await reserve(product._id, 'o2', 2)).toBeNull();
    expect(await Product().findById(product._id).lean()).toMatchObject({ stock: 1, holds: [] });
  });

  it('when a hold is released, then stock comes back and only that hold is pulled', async () => {
    const product = await Product().create({ stock: 10, holds: [] });
    await reserve(product._id, 'o1', 2);
    await reserve(product._id, 'o2', 3);
    const result = await release(product._id, 'o1', 2);
    expect(result.modifiedCount).toBe(1);
    const stored = await Product().findById(product._id).lean();
    expect(stored).toMatchObject({ stock: 7, holds: [{ orderId: 'o2', quantity: 3 }] });
    expect((await release(product._id, 'o1', 2)).matchedCount).toBe(0);
  });

  it('when ten reservations race for five units, then exactly five succeed and stock ends at 0', async () => {
    const product = await Product().create({ stock: 5, holds: [] });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => reserve(product._id, `race${i}`, 1)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(5);
    const stored = await Product().findById(product._id).lean();
    expect(stored?.stock).toBe(0);
    expect(stored?.holds).toHaveLength(5);
  });
});
