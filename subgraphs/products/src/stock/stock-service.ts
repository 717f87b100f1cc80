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
}

export function createStockService({
  repository,
  logger,
  crashPoints,
}: StockServiceOptions): StockService {
  return {
    async reserve({ orderId, items }) {
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
