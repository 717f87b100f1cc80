import type { Logger } from '@fedshop/logger';
import type { CrashPoints, QueueProducer } from '@fedshop/queues';
import type { OrderRepository } from '../orders/order-repository.js';
import type { OutboxEntry } from '../orders/outbox-entry.js';

/** Orders read per sweep. @defaultValue 200 */
export const defaultSweepBatch = 200;

export interface OutboxRelay {
  /** Publishes what this order owes now, in the background; never waits for Redis. */
  publishSoon(orderId: string, entries: readonly OutboxEntry[]): void;
  /** Publishes leftovers (missed while Redis was away, or by a relay that died). */
  sweep(): Promise<number>;
  /** Waits for publishes in flight (each bounded by the producer's timeout). */
  close(): Promise<void>;
}

export interface OutboxRelayOptions {
  repository: OrderRepository;
  producer: QueueProducer;
  logger: Logger;
  crashPoints: CrashPoints;
  sweepBatch?: number;
}

/**
 * Hands outbox entries to BullMQ (job id = entry id) and then drops them from the order.
 * A crash between the two publishes the entry again later: the job id makes that one
 * job while it is retained, and every consumer is idempotent beyond that.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { repository, producer, logger, crashPoints } = options;
  const inFlight = new Set<string>();
  const running = new Set<Promise<void>>();

  async function publish(orderId: string, entries: readonly OutboxEntry[]): Promise<number> {
    let sent = 0;
    // In sequence order; a failure leaves this and later entries for the next sweep.
    for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
      if (inFlight.has(entry.id)) continue;
      inFlight.add(entry.id);
      try {
        await producer.publish(entry.queue, entry.id, entry.payload);
        crashPoints.reach('after-publish');
        await repository.markSent(orderId, entry.id);
        sent += 1;
      } catch (error) {
        logger.debug(
          { entry: entry.id, err: (error as Error).message },
          'outbox entry not sent yet',
        );
        break;
      } finally {
        inFlight.delete(entry.id);
      }
    }
    return sent;
  }

  function track(work: Promise<unknown>): void {
    const done = work.then(
      () => {},
      () => {},
    );
    running.add(done);
    void done.finally(() => running.delete(done));
  }

  return {
    publishSoon(orderId, entries) {
      // Disconnected: do not pile up publishes that would wait; the sweep sends them.
      if (!producer.connected || entries.length === 0) return;
      track(publish(orderId, entries));
    },
    async sweep() {
      if (!producer.connected) return 0;
      const owed = await repository.owedMessages(options.sweepBatch ?? defaultSweepBatch);
      const counts = await Promise.all(owed.map((order) => publish(order.orderId, order.outbox)));
      return counts.reduce((sum, count) => sum + count, 0);
    },
    async close() {
      await Promise.all([...running]);
    },
  };
}
