import { Types, type Connection } from 'mongoose';
import { parseObjectId } from '@fedshop/subgraph-kit';
import { createOrderModel, type OrderDocument, type OrderModel } from './order-model.js';
import type { OrderItemRecord, OrderRecord, OrderToInsert } from './order-record.js';
import { statusesThatCanBecome, type OrderStatus } from './order-status.js';
import type { OutboxEntry } from './outbox-entry.js';

/** Fields a status transition may set along with the status. */
export type TransitionFields = Partial<
  Pick<OrderRecord, 'items' | 'totalCents' | 'rejectionReason'>
>;

export interface UserOrdersQuery {
  userId: string;
  /** Only orders older than this id (the decoded `after` cursor). */
  beforeId?: string | undefined;
  limit: number;
}

/** What one order still owes, as the relay reads it. */
export interface OwedMessages {
  orderId: string;
  outbox: OutboxEntry[];
}

export interface OrderRepository {
  /** One insert: the PENDING order with its first outbox entries. Throws E11000 on a reused key. */
  create(order: OrderToInsert): Promise<OrderRecord>;
  /** Null when there is no such order, or `id` cannot be an order id. */
  findById(id: string): Promise<OrderRecord | null>;
  /** One `$in` query; ids that are malformed or unknown are simply absent from the result. */
  findByIds(ids: readonly string[]): Promise<OrderRecord[]>;
  /** The order this user placed with this (unexpired) idempotency key. */
  findByIdempotencyKey(userId: string, key: string): Promise<OrderRecord | null>;
  /** A user's orders, newest first. */
  listByUser(query: UserOrdersQuery): Promise<OrderRecord[]>;
  /**
   * Moves `order` to `to` and appends `entries` (numbered after `order.outboxSeq`) in one
   * conditional single-document update: it applies only if the order is still in a status
   * that can become `to` and nobody appended since `order` was read. Null otherwise (read
   * it again and decide).
   */
  transition(
    order: OrderRecord,
    to: OrderStatus,
    fields: TransitionFields,
    entries: readonly OutboxEntry[],
  ): Promise<OrderRecord | null>;
  /** Orders that still owe messages, oldest first. */
  owedMessages(limit: number): Promise<OwedMessages[]>;
  /** The entry is in BullMQ: drop it. `updatedAt` stays the last visible change. */
  markSent(orderId: string, entryId: string): Promise<void>;
  /** PENDING orders placed before `placedBefore`, oldest first. */
  pendingSince(placedBefore: Date, limit: number): Promise<OrderRecord[]>;
  /** Unsets idempotency keys whose time is up, so the key can be used again. Returns how many. */
  forgetIdempotencyKeys(now: Date): Promise<number>;
}

/** Orders in MongoDB, as plain objects. Builds the indexes before first use. */
export async function createOrderRepository(connection: Connection): Promise<OrderRepository> {
  const model = createOrderModel(connection);
  await model.init();
  return mongooseOrderRepository(model);
}

function mongooseOrderRepository(model: OrderModel): OrderRepository {
  return {
    async create({ id, userId, items, idempotencyKey, outbox }) {
      const created = await model.create({
        _id: new Types.ObjectId(id),
        userId,
        items: items.map((item) => ({ ...item, unitPriceCents: null })),
        status: 'PENDING',
        ...(idempotencyKey
          ? {
              idempotencyKey: idempotencyKey.key,
              idempotencyKeyExpiresAt: idempotencyKey.expiresAt,
            }
          : {}),
        outboxSeq: outbox.length === 0 ? 0 : Math.max(...outbox.map((entry) => entry.seq)),
        outbox,
      });
      return toRecord(created.toObject());
    },

    async findById(id) {
      const objectId = parseObjectId(id);
      if (!objectId) return null;
      const found = await model.findById(objectId).lean<OrderDocument>();
      return found ? toRecord(found) : null;
    },

    async findByIds(ids) {
      const objectIds = ids.flatMap((id) => parseObjectId(id) ?? []);
      if (objectIds.length === 0) return [];
      const found = await model.find({ _id: { $in: objectIds } }).lean<OrderDocument[]>();
      return found.map(toRecord);
    },

    async findByIdempotencyKey(userId, key) {
      const found = await model
        .findOne({ userId: { $eq: userId }, idempotencyKey: { $eq: key } })
        .lean<OrderDocument>();
      return found ? toRecord(found) : null;
    },

    async listByUser({ userId, beforeId, limit }) {
      const before = beforeId === undefined ? null : parseObjectId(beforeId);
      // A malformed position matches nothing rather than silently restarting from the top.
      if (beforeId !== undefined && !before) return [];
      // `$eq`: a representation's id is client JSON and must match literally, never as an operator.
      const found = await model
        .find({
          userId: { $eq: userId },
          ...(before ? { _id: { $lt: before } } : {}),
        })
        .sort({ _id: -1 })
        .limit(limit)
        .lean<OrderDocument[]>();
      return found.map(toRecord);
    },

    async transition(order, to, fields, entries) {
      const objectId = parseObjectId(order.id);
      if (!objectId) return null;
      const lastSeq = entries.reduce((seq, entry) => Math.max(seq, entry.seq), order.outboxSeq);
      const updated = await model
        .findOneAndUpdate(
          {
            _id: objectId,
            status: { $in: statusesThatCanBecome(to) },
            // Optimistic: nobody appended an entry since `order` was read.
            outboxSeq: order.outboxSeq,
          },
          {
            $set: { ...fields, status: to, outboxSeq: lastSeq },
            ...(entries.length > 0 ? { $push: { outbox: { $each: [...entries] } } } : {}),
          },
          { returnDocument: 'after' },
        )
        .lean<OrderDocument>();
      return updated ? toRecord(updated) : null;
    },

    async owedMessages(limit) {
      const found = await model
        .find({ 'outbox.seq': { $gte: 1 } }, { outbox: 1 })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<Pick<OrderDocument, '_id' | 'outbox'>[]>();
      return found.map((order) => ({ orderId: order._id.toHexString(), outbox: order.outbox }));
    },

    async markSent(orderId, entryId) {
      const objectId = parseObjectId(orderId);
      if (!objectId) return;
      await model.updateOne(
        { _id: objectId },
        { $pull: { outbox: { id: entryId } } },
        { timestamps: false },
      );
    },

    async pendingSince(placedBefore, limit) {
      const found = await model
        .find({ status: 'PENDING', createdAt: { $lt: placedBefore } })
        .sort({ createdAt: 1 })
        .limit(limit)
        .lean<OrderDocument[]>();
      return found.map(toRecord);
    },

    async forgetIdempotencyKeys(now) {
      const result = await model.updateMany(
        { idempotencyKeyExpiresAt: { $lte: now } },
        { $unset: { idempotencyKey: 1, idempotencyKeyExpiresAt: 1 } },
        { timestamps: false },
      );
      return result.modifiedCount;
    },
  };
}

function toRecord(document: OrderDocument): OrderRecord {
  return {
    id: document._id.toHexString(),
    userId: document.userId,
    items: document.items.map((item): OrderItemRecord => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents ?? null,
    })),
    status: document.status,
    totalCents: document.totalCents ?? null,
    rejectionReason: document.rejectionReason ?? null,
    idempotencyKey: document.idempotencyKey ?? null,
    outboxSeq: document.outboxSeq ?? 0,
    outbox: document.outbox ?? [],
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}
