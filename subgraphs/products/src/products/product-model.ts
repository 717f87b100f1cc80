import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** The stored shape of a product document. */
export interface ProductDocument {
  _id: Types.ObjectId;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  stock: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductModel = Model<ProductDocument>;

export const productCollection = 'products';

const productSchema = new Schema<ProductDocument>(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: null },
    priceCents: { type: Number, required: true, min: 0 },
    stock: { type: Number, required: true, min: 0 },
  },
  { collection: productCollection, timestamps: true, versionKey: false },
);

// A sku names one product; duplicates are rejected by the database, not by a racy pre-check.
productSchema.index({ sku: 1 }, { unique: true });

/** The model bound to the service's own connection (never the global mongoose one). */
export function createProductModel(connection: Connection): ProductModel {
  return connection.model<ProductDocument>('Product', productSchema);
}
