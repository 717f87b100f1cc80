import type { OrderEventPayload } from '@fedshop/queues';
import type { UserRecord } from '../users/user-record.js';
import type { NotificationMessage } from './notification-message.js';

/** The message id of an order's confirmation: one per order, whatever redelivers the event. */
export const orderConfirmationId = (orderId: string) => `order-confirmed-${orderId}`;

/** The confirmation e-mail for a confirmed order, addressed from the users store. */
export function orderConfirmationMessage(
  event: OrderEventPayload,
  user: Pick<UserRecord, 'id' | 'email' | 'name'>,
): NotificationMessage {
  return {
    id: orderConfirmationId(event.orderId),
    kind: 'order-confirmation',
    userId: user.id,
    orderId: event.orderId,
    to: user.email,
    subject: `Your fedshop order ${event.orderId} is confirmed`,
    text:
      `Hello ${user.name},\n\n` +
      `your order ${event.orderId} is confirmed. Total: ${formatCents(event.totalCents)}.\n\n` +
      'Thank you for shopping with fedshop.\n',
  };
}

function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
