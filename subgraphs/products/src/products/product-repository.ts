import { badUserInput } from '@fedshop/errors';
import { isDuplicateKeyError, parseObjectId } from '@fedshop/subgraph-kit';
import type { Connection, Types } from 'mongoose';
import {
  catalogueFields,
  createProductModel,
  type ProductDocument,
  type ProductModel,
} from './product-model.js';
import type { NewProduct, ProductRecord } from './product-record.js';

/** Largest stock a product may hold: GraphQL `Int` is a signed 32-bit integer. */
export const maxStock = 2_147_483_647;

export interface ProductRepository {
  /** Null when the id is unknown or cannot be an ObjectId. */
  findById(id: string): Promise<ProductRecord | null>;
  /** One `$in` query for all the ids; unknown and malformed ids are simply absent. */
  findByIds(ids: readonly string[]): Promise<ProductRecord[]>;
  /** Up to `limit` products in `_id` order, starting after `afterId` when given. */
  listAfter(afterId: Types.ObjectId | null, limit: number): Promise<ProductRecord[]>;
  /** Throws BAD_USER_INPUT (field `sku`) when the sku is taken. */
  create(product: NewProduct): Promise<ProductRecord>;
  /**
   * Atomically adds `quantity` to the stock. Null when the product does not exist or the
   * new stock would exceed `maxStock` (tell them apart with `findById`).
   */
  incrementStock(id: string, quantity: number): Promise<ProductRecord | null>;
  /**
   * Inserts the products whose skus are new, in one round trip; existing products are left
   * untouched. Returns how many were inserted.
   */
  insertMissingSkus(products: readonly NewProduct[]): Promise<number>;
  isEmpty(): Promise<boolean>;
}

/** Products in MongoDB, as plain objects. Builds the indexes (the unique sku above all) before first use. */
export async function createProductRepository(connection: Connection): Promise<ProductRepository> {
  const model = createProductModel(connection);
  await model.init();
  return mongooseProductRepository(model);
}

function mongooseProductRepository(model: ProductModel): ProductRepository {
  return {
    async findById(id) {
      const objectId = parseObjectId(id);
      if (!objectId) return null;
      const document = await model.findById(objectId, catalogueFields).lean<ProductDocument>();
      return document ? toRecord(document) : null;
    },

    async findByIds(ids) {
      const objectIds = ids.flatMap((id) => parseObjectId(id) ?? []);
      if (objectIds.length === 0) return [];
      const documents = await model
        .find({ _id: { $in: objectIds } }, catalogueFields)
        .lean<ProductDocument[]>();
      return documents.map(toRecord);
    },

    async listAfter(afterId, limit) {
      // A range on `_id` (not skip) keeps every page an index seek, however deep.
      const filter = afterId ? { _id: { $gt: afterId } } : {};
      const documents = await model
        .find(filter, catalogueFields)
        .sort({ _id: 1 })
        .limit(limit)
        .lean<ProductDocument[]>();
      return documents.map(toRecord);
    },

    async create(product) {
      try {
        const document = await model.create(product);
        return toRecord(document.toObject());
      } catch (error) {
        // The unique index on sku is the only one a new product can collide with.
        if (isDuplicateKeyError(error)) {
          throw badUserInput('sku', `A product with sku ${product.sku} already exists`);
        }
        throw error;
      }
    },

    async incrementStock(id, quantity) {
      const objectId = parseObjectId(id);
      if (!objectId) return null;
      const document = await model
        .findOneAndUpdate(
          { _id: objectId, stock: { $lte: maxStock - quantity } },
          { $inc: { stock: quantity } },
          { returnDocument: 'after', projection: catalogueFields },
        )
        .lean<ProductDocument>();
      return document ? toRecord(document) : null;
    },

    async insertMissingSkus(products) {
      if (products.length === 0) return 0;
      const now = new Date();
      const result = await model.bulkWrite(
        products.map((product) => ({
          updateOne: {
            filter: { sku: product.sku },
            // Timestamps are set by hand so that an existing product is not touched at all.
            update: { $setOnInsert: { ...product, createdAt: now, updatedAt: now } },
            upsert: true,
            timestamps: false,
          },
        })),
        // Unordered: one product failing does not stop the others.
        { ordered: false },
      );
      return result.upsertedCount;
    },

    async isEmpty() {
      return (await model.exists({})) === null;
    },
  };
}

function toRecord(document: ProductDocument): ProductRecord {
  return {
    id: document._id.toHexString(),
    sku: document.sku,
    name: document.name,
    description: document.description ?? null,
    priceCents: document.priceCents,
    stock: document.stock,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}
