import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { orderStatuses, type OrderStatus } from './order-status.js';

/** The stored shape of an order line. */
export interface OrderItemDocument {
  productId: string;
  quantity: number;
  unitPriceCents: number | null;
}

/** The stored shape of an order document. */
export interface OrderDocument {
  _id: Types.ObjectId;
  // Ids owned by other services are kept as the strings those services issued.
  userId: string;
  items: OrderItemDocument[];
  status: OrderStatus;
  totalCents: number | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type OrderModel = Model<OrderDocument>;

export const orderCollection = 'orders';

const orderItemSchema = new Schema<OrderItemDocument>(
  {
    productId: { type: String, required: true },
    quantity: { type: Number, required: true, min: 1 },
    unitPriceCents: { type: Number, default: null, min: 0 },
  },
  { _id: false },
);

const orderSchema = new Schema<OrderDocument>(
  {
    userId: { type: String, required: true },
    items: { type: [orderItemSchema], required: true },
    status: { type: String, enum: orderStatuses, required: true, default: 'PENDING' },
    totalCents: { type: Number, default: null, min: 0 },
    rejectionReason: { type: String, default: null },
  },
  { collection: orderCollection, timestamps: true, versionKey: false },
);

// `User.orders`: one user's orders, newest first, paged by `_id`.
orderSchema.index({ userId: 1, _id: -1 });

/** The model bound to the service's own connection (never the global mongoose one). */
export function createOrderModel(connection: Connection): OrderModel {
  return connection.model<OrderDocument>('Order', orderSchema);
}
