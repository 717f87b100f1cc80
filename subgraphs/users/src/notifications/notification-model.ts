import { Schema, type Connection } from 'mongoose';

/**
 * One document per message the users service sends a customer. `_id` is derived from the
 * event (`order-confirmed-<orderId>`), so the same event delivered twice is one message.
 * The address and text live here, in the service that owns them, never in a queue.
 */
const notificationSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    userId: { type: String, required: true },
    orderId: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    /** `pending` until the provider has taken it, then `delivered`. */
    status: { type: String, required: true, enum: ['pending', 'delivered'] },
    provider: { type: String, default: null },
    providerMessageId: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { collection: 'notifications', timestamps: true, versionKey: false },
);

notificationSchema.index({ userId: 1, createdAt: -1 }, { name: 'user_notifications' });

export const notificationModelName = 'Notification';

const compile = (connection: Connection) =>
  connection.model(notificationModelName, notificationSchema);

export type NotificationModel = ReturnType<typeof compile>;

/** The notifications model on the service's own connection (compiled once per connection). */
export function createNotificationModel(connection: Connection): NotificationModel {
  return (
    (connection.models[notificationModelName] as NotificationModel | undefined) ??
    compile(connection)
  );
}
