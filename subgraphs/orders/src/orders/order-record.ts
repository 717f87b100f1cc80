import type { OrderStatus } from './order-status.js';

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
  createdAt: Date;
  updatedAt: Date;
}

/** What a new order is created from (validated and normalised by the service). */
export interface NewOrder {
  userId: string;
  items: { productId: string; quantity: number }[];
}
