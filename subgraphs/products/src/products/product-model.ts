import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * Stock one order holds on this product: the reservation's idempotency marker. One entry
 * per (product, order), ever: a released hold (or a tombstone, quantity 0, left by a
 * release that came first) stays, so a late or repeated reservation is refused.
 */
export interface StockHold {
  orderId: string;
  quantity: number;
  /** The price the units were held at (the order's unit price). */
  unitPriceCents: number;
  released: boolean;
  heldAt: Date;
  releasedAt?: Date;
}

/** The stored shape of a product document. */
export interface ProductDocument {
  _id: Types.ObjectId;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  stock: number;
  /** Absent on products no order has touched. */
  holds?: StockHold[];
  createdAt: Date;
  updatedAt: Date;
}

export type ProductModel = Model<ProductDocument>;

export const productCollection = 'products';

const holdSchema = new Schema<StockHold>(
  {
    orderId: { type: String, required: true },
    quantity: { type: Number, required: true, min: 0 },
    unitPriceCents: { type: Number, required: true, min: 0 },
    released: { type: Boolean, required: true },
    heldAt: { type: Date, required: true },
    releasedAt: { type: Date },
  },
  { _id: false },
);

const productSchema = new Schema<ProductDocument>(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: null },
    priceCents: { type: Number, required: true, min: 0 },
    stock: { type: Number, required: true, min: 0 },
    // Read only by the stock worker; catalogue reads leave it out (`catalogueFields`).
    holds: { type: [holdSchema], default: undefined },
  },
  { collection: productCollection, timestamps: true, versionKey: false },
);

// A sku names one product; duplicates are rejected by the database, not by a racy pre-check.
productSchema.index({ sku: 1 }, { unique: true });

/** The projection of catalogue reads: everything but the holds. */
export const catalogueFields = { holds: 0 } as const;

/**
 * The model bound to the service's own connection (never the global mongoose one); the
 * catalogue and the stock worker share it.
 */
export function createProductModel(connection: Connection): ProductModel {
  return (
    (connection.models.Product as ProductModel | undefined) ??
    connection.model<ProductDocument>('Product', productSchema)
  );
}
