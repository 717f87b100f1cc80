import type { Connection } from 'mongoose';
import { parseObjectId } from '@fedshop/subgraph-kit';
import { createOrderModel, type OrderDocument, type OrderModel } from './order-model.js';
import type { NewOrder, OrderItemRecord, OrderRecord } from './order-record.js';
import { statusesThatCanBecome, type OrderStatus } from './order-status.js';

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

export interface OrderRepository {
  create(order: NewOrder): Promise<OrderRecord>;
  /** Null when there is no such order, or `id` cannot be an order id. */
  findById(id: string): Promise<OrderRecord | null>;
  /** One `$in` query; ids that are malformed or unknown are simply absent from the result. */
  findByIds(ids: readonly string[]): Promise<OrderRecord[]>;
  /** A user's orders, newest first. */
  listByUser(query: UserOrdersQuery): Promise<OrderRecord[]>;
  /**
   * Moves the order to `to` only if its current status allows it, in one conditional
   * update, so a concurrent transition is never overwritten. Null when the order is
   * missing or was not in a status that can become `to`.
   */
  transition(id: string, to: OrderStatus, fields?: TransitionFields): Promise<OrderRecord | null>;
}

/** Orders in MongoDB, as plain objects. Builds the `{ userId, _id }` index before first use. */
export async function createOrderRepository(connection: Connection): Promise<OrderRepository> {
  const model = createOrderModel(connection);
  await model.init();
  return mongooseOrderRepository(model);
}

function mongooseOrderRepository(model: OrderModel): OrderRepository {
  return {
    async create({ userId, items }) {
      const created = await model.create({
        userId,
        items: items.map((item) => ({ ...item, unitPriceCents: null })),
        status: 'PENDING',
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

    async transition(id, to, fields = {}) {
      const objectId = parseObjectId(id);
      if (!objectId) return null;
      const updated = await model
        .findOneAndUpdate(
          { _id: objectId, status: { $in: statusesThatCanBecome(to) } },
          { $set: { ...fields, status: to } },
          { returnDocument: 'after' },
        )
        .lean<OrderDocument>();
      return updated ? toRecord(updated) : null;
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
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}
