/**
 * Every queue of the order workflow. Producers and consumers name queues only through
 * this list, so a rename cannot leave a consumer listening to nothing.
 */
export const queueNames = {
  /** orders -> products: hold stock for a new order. */
  reserveStock: 'reserve-stock',
  /** orders -> products: give back what an order holds (cancelled, rejected, timed out). */
  releaseStock: 'release-stock',
  /** products -> orders: the outcome of a reservation (the reply queue). */
  stockReplies: 'stock-replies',
  /** orders -> users: order lifecycle events for notifications. */
  orderEvents: 'order-events',
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/** The prefix of every BullMQ key in Redis. @defaultValue `fedshop` */
export const defaultQueuePrefix = 'fedshop';
