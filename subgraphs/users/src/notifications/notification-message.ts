/** A message to one customer, as a provider receives it. */
export interface NotificationMessage {
  /** Stable per event: providers that take an idempotency key should be given this. */
  id: string;
  kind: 'order-confirmation';
  userId: string;
  orderId: string;
  /** The customer's e-mail address, from the users store. */
  to: string;
  subject: string;
  text: string;
}

export interface NotificationRecord extends NotificationMessage {
  status: 'pending' | 'delivered';
  provider: string | null;
  providerMessageId: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}
