import type { OrderRecord } from '../orders/order-record.js';

/**
 * How a use case tells the relay "this order owes messages now" without knowing about
 * Redis: the relay subscribes when background work starts. Nobody listening (a separate
 * relay, tests of the domain alone) is fine: the sweep finds the entries anyway.
 */
export interface OutboxSignal {
  notify(order: OrderRecord): void;
  subscribe(listener: (order: OrderRecord) => void): () => void;
}

export function createOutboxSignal(): OutboxSignal {
  const listeners = new Set<(order: OrderRecord) => void>();
  return {
    notify(order) {
      if (order.outbox.length === 0) return;
      for (const listener of listeners) listener(order);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
