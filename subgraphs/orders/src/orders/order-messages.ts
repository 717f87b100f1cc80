import {
  queueNames,
  type OrderEventPayload,
  type QueueName,
  type ReleaseReason,
  type ReleaseStockPayload,
  type ReserveStockPayload,
} from '@fedshop/queues';
import type { OrderRecord } from './order-record.js';

/** A message an order owes, before it is numbered into an outbox entry. */
export interface OwedMessage {
  queue: QueueName;
  payload: Record<string, unknown>;
}

type Lines = { items: readonly { productId: string; quantity: number }[] };

const lines = (order: Lines) =>
  order.items.map(({ productId, quantity }) => ({ productId, quantity }));

/** Hold the order's stock (placement). */
export function reserveStock(order: Lines & { id: string }): OwedMessage {
  const payload: ReserveStockPayload = { v: 1, orderId: order.id, items: lines(order) };
  return { queue: queueNames.reserveStock, payload };
}

/** Give back whatever the order holds (cancelled, timed out). */
export function releaseStock(order: OrderRecord, reason: ReleaseReason): OwedMessage {
  const payload: ReleaseStockPayload = { v: 1, orderId: order.id, items: lines(order), reason };
  return { queue: queueNames.releaseStock, payload };
}

/** Tell the users service the order is confirmed (notifications). Ids only. */
export function orderConfirmed(order: OrderRecord, totalCents: number): OwedMessage {
  const payload: OrderEventPayload = {
    v: 1,
    type: 'order-confirmed',
    orderId: order.id,
    userId: order.userId,
    totalCents,
    at: new Date().toISOString(),
  };
  return { queue: queueNames.orderEvents, payload };
}
