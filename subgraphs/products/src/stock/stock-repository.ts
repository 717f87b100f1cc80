import type { Connection } from 'mongoose';
import { parseObjectId } from '@fedshop/subgraph-kit';
import {
  createProductModel,
  type ProductModel,
  type StockHold,
} from '../products/product-model.js';

/** The outcome of holding one line. */
export type HoldResult =
  | { held: true; unitPriceCents: number }
  | { held: false; reason: 'short' | 'unknown' | 'released' };

/** The outcome of releasing one line. */
export type ReleaseResult = 'released' | 'tombstoned' | 'already-released';

/** Stock holds on products: each call is one conditional update of one product (plus reads). */
export interface StockRepository {
  /**
   * Takes `quantity` units for the order, once: a repeated call finds its own hold and
   * answers it again, a call after a release finds the tombstone and is refused.
   */
  hold(productId: string, orderId: string, quantity: number): Promise<HoldResult>;
  /** Gives the order's units back, once; with no hold yet, leaves a tombstone. */
  release(productId: string, orderId: string): Promise<ReleaseResult>;
  /** Removes released holds and tombstones released before `before`. Returns how many products changed. */
  pruneReleased(before: Date): Promise<number>;
  /** The holds of one product (tests, diagnostics). */
  holdsOf(productId: string): Promise<StockHold[]>;
}

/** A product whose price changes between the read and the update is read again, this often. */
const holdAttempts = 3;

export function createStockRepository(connection: Connection): StockRepository {
  return mongooseStockRepository(createProductModel(connection));
}

function mongooseStockRepository(model: ProductModel): StockRepository {
  async function holdOf(productId: string, orderId: string): Promise<StockHold | null> {
    const found = await model
      .findOne({ _id: parseObjectId(productId) }, { holds: { $elemMatch: { orderId } } })
      .lean<{ holds?: StockHold[] }>();
    return found?.holds?.[0] ?? null;
  }

  return {
    async hold(productId, orderId, quantity) {
      const _id = parseObjectId(productId);
      if (!_id) return { held: false, reason: 'unknown' };
      for (let attempt = 0; attempt < holdAttempts; attempt += 1) {
        const product = await model.findById(_id, { priceCents: 1 }).lean<{ priceCents: number }>();
        if (!product) return { held: false, reason: 'unknown' };
        const unitPriceCents = product.priceCents;
        // The reservation itself: enough stock, and no hold (nor tombstone) of this order.
        const result = await model.updateOne(
          {
            _id,
            priceCents: unitPriceCents,
            stock: { $gte: quantity },
            'holds.orderId': { $ne: orderId },
          },
          {
            $inc: { stock: -quantity },
            $push: {
              holds: { orderId, quantity, unitPriceCents, released: false, heldAt: new Date() },
            },
          },
        );
        if (result.modifiedCount === 1) return { held: true, unitPriceCents };
        const existing = await holdOf(productId, orderId);
        if (existing && !existing.released) {
          // A redelivery of a reservation that went through: the same answer, no new effect.
          return { held: true, unitPriceCents: existing.unitPriceCents };
        }
        if (existing) return { held: false, reason: 'released' };
        const now = await model.findById(_id, { priceCents: 1, stock: 1 }).lean<{
          priceCents: number;
          stock: number;
        }>();
        if (!now) return { held: false, reason: 'unknown' };
        if (now.stock < quantity) return { held: false, reason: 'short' };
        // The price changed under us (or a racing copy of this job): read again, decide again.
      }
      return { held: false, reason: 'short' };
    },

    async release(productId, orderId) {
      const _id = parseObjectId(productId);
      if (!_id) return 'already-released';
      const existing = await holdOf(productId, orderId);
      if (existing && !existing.released) {
        // Conditional on the hold being unreleased: two releases give the stock back once.
        const result = await model.updateOne(
          { _id, holds: { $elemMatch: { orderId, released: false } } },
          {
            $inc: { stock: existing.quantity },
            $set: { 'holds.$.released': true, 'holds.$.releasedAt': new Date() },
          },
        );
        if (result.modifiedCount === 1) return 'released';
        return 'already-released';
      }
      if (existing) return 'already-released';
      // Released before it was held: a tombstone refuses the late reservation.
      const result = await model.updateOne(
        { _id, 'holds.orderId': { $ne: orderId } },
        {
          $push: {
            holds: {
              orderId,
              quantity: 0,
              unitPriceCents: 0,
              released: true,
              heldAt: new Date(),
              releasedAt: new Date(),
            },
          },
        },
        { timestamps: false },
      );
      if (result.modifiedCount === 1) return 'tombstoned';
      // Held in between (a concurrent reservation won): release that hold.
      return (await holdOf(productId, orderId))?.released === false
        ? this.release(productId, orderId)
        : 'already-released';
    },

    async pruneReleased(before) {
      const result = await model.updateMany(
        { holds: { $elemMatch: { released: true, releasedAt: { $lt: before } } } },
        { $pull: { holds: { released: true, releasedAt: { $lt: before } } } },
        { timestamps: false },
      );
      return result.modifiedCount;
    },

    async holdsOf(productId) {
      const found = await model
        .findById(parseObjectId(productId), { holds: 1 })
        .lean<{ holds?: StockHold[] }>();
      return found?.holds ?? [];
    },
  };
}
