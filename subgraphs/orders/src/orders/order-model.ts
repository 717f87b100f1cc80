import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEntry } from './outbox-entry.js';
import { orderStatuses, type OrderStatus } from './order-status.js';

/** The stored shape of an order line. */
export interface OrderItemDocument {
  productId: string;
  quantity: number;
  unitPriceCents: number | null;
}

/** The stored shape of an order document. */
export interface OrderDocument {
  _id: Types.ObjectId;
  // Ids owned by other services are kept as the strings those services issued.
  userId: string;
  items: OrderItemDocument[];
  status: OrderStatus;
  totalCents: number | null;
  rejectionReason: string | null;
  /** The client's idempotency key; unset once it expires (`idempotencyKeyExpiresAt`). */
  idempotencyKey?: string;
  idempotencyKeyExpiresAt?: Date;
  /** The sequence number of the last outbox entry ever written for this order. */
  outboxSeq: number;
  /** Entries not yet published; the relay removes each once BullMQ has it. */
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

export type OrderModel = Model<OrderDocument>;

export const orderCollection = 'orders';

const orderItemSchema = new Schema<OrderItemDocument>(
  {
    productId: { type: String, required: true },
    quantity: { type: Number, required: true, min: 1 },
    unitPriceCents: { type: Number, default: null, min: 0 },
  },
  { _id: false },
);

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    seq: { type: Number, required: true },
    queue: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

const orderSchema = new Schema<OrderDocument>(
  {
    userId: { type: String, required: true },
    items: { type: [orderItemSchema], required: true },
    status: { type: String, enum: orderStatuses, required: true, default: 'PENDING' },
    totalCents: { type: Number, default: null, min: 0 },
    rejectionReason: { type: String, default: null },
    idempotencyKey: { type: String },
    idempotencyKeyExpiresAt: { type: Date },
    outboxSeq: { type: Number, required: true, default: 0 },
    outbox: { type: [outboxEntrySchema], default: [] },
  },
  { collection: orderCollection, timestamps: true, versionKey: false },
);

// `User.orders`: one user's orders, newest first, paged by `_id`.
orderSchema.index({ userId: 1, _id: -1 });
// One order per (user, idempotency key) while the key is kept. Partial, not sparse: only
// documents that carry a key are indexed, and expiring a key ($unset) frees it.
orderSchema.index(
  { userId: 1, idempotencyKey: 1 },
  { unique: true, partialFilterExpression: { idempotencyKey: { $exists: true } } },
);
// The relay's sweep: orders that still owe a message.
orderSchema.index({ 'outbox.seq': 1 });
// Expiry of pending orders.
orderSchema.index({ status: 1, createdAt: 1 });

/** The model bound to the service's own connection (never the global mongoose one). */
export function createOrderModel(connection: Connection): OrderModel {
  return connection.model<OrderDocument>('Order', orderSchema);
}
