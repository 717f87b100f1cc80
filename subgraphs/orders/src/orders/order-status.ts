/**
 * The order workflow's states and every transition allowed between them, in one place:
 * the service checks a transition here before asking, and the repository's conditional
 * update uses the same table so a concurrent transition is never overwritten.
 */
export const orderStatuses = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;

export type OrderStatus = (typeof orderStatuses)[number];

const nextStatuses: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // Stock reservation (a later worker) confirms or rejects; the owner may cancel meanwhile.
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'],
  // Cancelling a confirmed order will also release its reserved stock (the workflow issue).
  CONFIRMED: ['CANCELLED'],
  REJECTED: [],
  CANCELLED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return nextStatuses[from].includes(to);
}

/** The statuses an order may be in for it to move to `to`. */
export function statusesThatCanBecome(to: OrderStatus): OrderStatus[] {
  return orderStatuses.filter((from) => canTransition(from, to));
}
