import { jobId, type QueueName } from '@fedshop/queues';

/**
 * A message the order owes another service, stored inside the order document itself:
 * standalone MongoDB has no multi-document transactions, so the order and what it owes
 * are written by one single-document update, and a relay publishes the entry later.
 */
export interface OutboxEntry {
  /** `<orderId>-<seq>`: also the BullMQ job id, so publishing twice is one job. */
  id: string;
  /** The order's own sequence number for its messages, 1, 2, 3, ... */
  seq: number;
  queue: QueueName;
  /** A payload valid for `queue` (see @fedshop/queues). */
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The entry numbered `seq` of that order. */
export function outboxEntry(
  orderId: string,
  seq: number,
  queue: QueueName,
  payload: Record<string, unknown>,
): OutboxEntry {
  return { id: jobId(orderId, seq), seq, queue, payload, createdAt: new Date() };
}
