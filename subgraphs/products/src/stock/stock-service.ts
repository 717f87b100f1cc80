import { Types } from 'mongoose';
import type { Logger } from '@fedshop/logger';
import type {
  CrashPoints,
  ReleaseStockPayload,
  ReserveStockPayload,
  StockReplyPayload,
} from '@fedshop/queues';
import type { StockRepository } from './stock-repository.js';

/** The products side of the workflow: whole orders, one product update per line. */
export interface StockService {
  /**
   * Holds every line or none: at the first line that cannot be held, what this order
   * took is released. Safe to run twice for one order (each line holds once).
   */
  reserve(request: ReserveStockPayload): Promise<StockReplyPayload>;
  /** Gives back whatever the order holds on these lines (tombstones where it holds nothing). */
  release(request: ReleaseStockPayload): Promise<void>;
}

export interface StockServiceOptions {
  repository: StockRepository;
  logger: Logger;
  crashPoints: CrashPoints;
  /**
   * Released holds and tombstones are kept this long (`HOLD_RETENTION_HOURS`): a reservation
   * for an order placed longer ago than this is refused, as its tombstone may be gone.
   */
  holdRetentionMs: number;
  now?: () => number;
}

export function createStockService({
  repository,
  logger,
  crashPoints,
  holdRetentionMs,
  now = Date.now,
}: StockServiceOptions): StockService {
  return {
    async reserve({ orderId, items }) {
      // An order id is the ObjectId orders gave it at placement, so it carries that time.
      // A reservation that old comes after any release the order owed (it expired long
      // before), possibly after that release's tombstone was pruned: it must not hold.
      const placed = placedAt(orderId);
      if (placed !== undefined && placed < now() - holdRetentionMs) {
        logger.warn({ orderId }, 'reservation refused: placed before the hold retention');
        return {
          v: 1,
          orderId,
          outcome: 'refused',
          reason: 'released',
          productId: items[0]!.productId,
        };
      }
      const held: { productId: string; quantity: number; unitPriceCents: number }[] = [];
      for (const { productId, quantity } of items) {
        const result = await repository.hold(productId, orderId, quantity);
        if (!result.held) {
          for (const line of held) await repository.release(line.productId, orderId);
          logger.info({ orderId, productId, reason: result.reason }, 'reservation refused');
          crashPoints.reach('after-stock-update');
          return { v: 1, orderId, outcome: 'refused', reason: result.reason, productId };
        }
        held.push({ productId, quantity, unitPriceCents: result.unitPriceCents });
      }
      crashPoints.reach('after-stock-update');
      return { v: 1, orderId, outcome: 'reserved', items: held };
    },

    async release({ orderId, items, reason }) {
      for (const { productId } of items) {
        const result = await repository.release(productId, orderId);
        logger.debug({ orderId, productId, reason, result }, 'stock released');
      }
    },
  };
}

/** When orders placed the order (its ObjectId's time); undefined for another kind of id. */
function placedAt(orderId: string): number | undefined {
  return /^[0-9a-f]{24}$/i.test(orderId)
    ? new Types.ObjectId(orderId).getTimestamp().getTime()
    : undefined;
}
