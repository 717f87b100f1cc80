import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@fedshop/subgraph-kit';
import type { NotificationMessage, NotificationRecord } from './notification-message.js';
import { createNotificationModel, type NotificationModel } from './notification-model.js';
import type { DeliveryReceipt } from './notification-provider.js';

export interface NotificationRepository {
  /**
   * The message with this id, recorded `pending` if it was not there yet; an existing one is
   * returned as it is (the same event twice is one message).
   */
  recordOnce(message: NotificationMessage): Promise<NotificationRecord>;
  /** Marks a pending message delivered; a message already delivered is left as it is. */
  markDelivered(id: string, provider: string, receipt: DeliveryReceipt): Promise<void>;
  findById(id: string): Promise<NotificationRecord | null>;
  /** A customer's messages, newest first. */
  findByUser(userId: string, limit?: number): Promise<NotificationRecord[]>;
}

type LeanNotification = Omit<NotificationRecord, 'id'> & { _id: string };

/** The users service's own `notifications` collection, as plain objects. */
export async function createNotificationRepository(
  connection: Connection,
): Promise<NotificationRepository> {
  const model = createNotificationModel(connection);
  await model.init();
  return mongooseNotificationRepository(model);
}

function mongooseNotificationRepository(model: NotificationModel): NotificationRepository {
  const findById = async (id: string) => {
    const found = await model.findById(id).lean<LeanNotification>();
    return found ? toRecord(found) : null;
  };
  return {
    async recordOnce(message) {
      const { id, ...fields } = message;
      try {
        // Insert-only on _id: two deliveries racing each other cannot both write.
        await model.create({ _id: id, ...fields, status: 'pending' });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const recorded = await findById(id);
      if (!recorded) throw new Error(`notification ${id} vanished after it was recorded`);
      return recorded;
    },

    async markDelivered(id, provider, receipt) {
      await model.updateOne(
        { _id: id, status: 'pending' },
        {
          $set: {
            status: 'delivered',
            provider,
            providerMessageId: receipt.providerMessageId ?? null,
            deliveredAt: new Date(),
          },
        },
      );
    },

    findById,

    async findByUser(userId, limit = 20) {
      const found = await model
        .find({ userId })
        .sort({ createdAt: -1 })
        .limit(limit)
        .lean<LeanNotification[]>();
      return found.map(toRecord);
    },
  };
}

function toRecord({ _id, ...fields }: LeanNotification): NotificationRecord {
  return {
    id: _id,
    kind: fields.kind,
    userId: fields.userId,
    orderId: fields.orderId,
    to: fields.to,
    subject: fields.subject,
    text: fields.text,
    status: fields.status,
    provider: fields.provider ?? null,
    providerMessageId: fields.providerMessageId ?? null,
    deliveredAt: fields.deliveredAt ?? null,
    createdAt: fields.createdAt,
  };
}
