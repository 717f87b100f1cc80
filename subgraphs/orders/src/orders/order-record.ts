import type { OrderStatus } from './order-status.js';
import type { OutboxEntry } from './outbox-entry.js';

/** One line of an order as the repository returns it. */
export interface OrderItemRecord {
  /** The products subgraph's id, as it issued it (lower-case hex). */
  productId: string;
  quantity: number;
  /** Fixed when the order is confirmed; null until then. */
  unitPriceCents: number | null;
}

/** An order as the repository returns it: a plain object, `_id` mapped to an `id` string. */
export interface OrderRecord {
  id: string;
  /** The users subgraph's id of the owner. */
  userId: string;
  items: OrderItemRecord[];
  status: OrderStatus;
  /** Known once the order is confirmed; null until then. */
  totalCents: number | null;
  rejectionReason: string | null;
  /** Null when the order was placed without one, or its key has expired. */
  idempotencyKey: string | null;
  /** The sequence number of the last outbox entry written (0: none yet). */
  outboxSeq: number;
  /** Messages this order still owes (not yet handed to BullMQ). */
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a new order is created from (validated and normalised by the service). */
export interface NewOrder {
  userId: string;
  items: { productId: string; quantity: number }[];
}

/** A new order as stored: its id chosen up front, so its first outbox entry can name it. */
export interface OrderToInsert extends NewOrder {
  id: string;
  idempotencyKey?: { key: string; expiresAt: Date } | undefined;
  /** Its first entries (numbered from 1). */
  outbox: OutboxEntry[];
}
