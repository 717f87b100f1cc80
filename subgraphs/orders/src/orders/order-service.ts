import { AppError, ErrorCode, badUserInput, notFound } from '@fedshop/errors';
import { canonicalId, decodeCursor, pageSize, toPage, type Page } from '@fedshop/subgraph-kit';
import { normaliseOrderItems, type OrderItemRequest } from './order-items.js';
import type { OrderRecord } from './order-record.js';
import type { OrderRepository, TransitionFields } from './order-repository.js';
import { canTransition, type OrderStatus } from './order-status.js';

/**
 * Finds orders by id: the per-request DataLoader, so lookups of one request are batched.
 * It answers only orders the caller may see (the `Order` type's `@auth` rule), null for
 * any other, so the use cases below act on nothing else.
 */
export interface OrderLookup {
  load(id: string): Promise<OrderRecord | null>;
}

export interface UserOrdersArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** Who may call each use case is the schema's `@auth` rule, checked before it runs. */
export interface OrderService {
  /** Records a PENDING order for that user (the caller). */
  placeOrder(userId: string, items: readonly OrderItemRequest[]): Promise<OrderRecord>;
  /** The order `orders` finds; null when it finds none or the id is malformed. */
  findOrder(id: string, orders: OrderLookup): Promise<OrderRecord | null>;
  /** Cancels the order `orders` finds; NOT_FOUND when it finds none. */
  cancelOrder(id: string, orders: OrderLookup): Promise<OrderRecord>;
  /** A user's orders, newest first. */
  listUserOrders(userId: string, args: UserOrdersArgs): Promise<Page<OrderRecord>>;
  /**
   * Workflow seam (called by the stock-reservation worker, not by clients): fixes the
   * unit prices and total of a PENDING order and confirms it.
   */
  confirmOrder(id: string, unitPriceCents: ReadonlyMap<string, number>): Promise<OrderRecord>;
  /** Workflow seam: rejects a PENDING order, saying why (for example, out of stock). */
  rejectOrder(id: string, reason: string): Promise<OrderRecord>;
}

export function createOrderService({ repository }: { repository: OrderRepository }): OrderService {
  /** Every status change goes through here: checked, then applied conditionally. */
  async function transition(
    order: OrderRecord,
    to: OrderStatus,
    fields?: TransitionFields,
  ): Promise<OrderRecord> {
    if (!canTransition(order.status, to)) throw transitionRefused(order, to);
    const updated = await repository.transition(order.id, to, fields);
    if (updated) return updated;
    // Another request moved it first: report the status it is in now.
    const current = await repository.findById(order.id);
    if (!current) throw notFound('Order', order.id);
    throw transitionRefused(current, to);
  }

  async function existingOrder(id: string): Promise<OrderRecord> {
    const order = await repository.findById(id);
    if (!order) throw notFound('Order', id);
    return order;
  }

  return {
    async placeOrder(userId, items) {
      return repository.create({ userId, items: normaliseOrderItems(items) });
    },

    async findOrder(id, orders) {
      // The id of an entity representation is untyped client JSON (`_Any`).
      if (typeof id !== 'string') throw badUserInput('id', 'An order id must be a string');
      const orderId = canonicalId(id);
      return orderId ? orders.load(orderId) : null;
    },

    async cancelOrder(id, orders) {
      const orderId = canonicalId(id);
      // An order the caller may not see is null here, as an unknown id: the same error
      // after the same read.
      const order = orderId ? await orders.load(orderId) : null;
      if (!order) throw notFound('Order', id);
      return transition(order, 'CANCELLED');
    },

    async listUserOrders(userId, { first, after }) {
      // The id of an entity representation is untyped client JSON (`_Any`).
      if (typeof userId !== 'string') throw badUserInput('id', 'A user id must be a string');
      // Owners are stored as the users service issues ids (lower-case hex), whatever case
      // the reference used.
      const ownerId = canonicalId(userId) ?? userId;
      const size = pageSize(first);
      const beforeId = after == null ? undefined : decodeCursor(after);
      if (beforeId !== undefined && canonicalId(beforeId) === null) {
        throw badUserInput('after', 'after is not a cursor returned by this API');
      }
      const orders = await repository.listByUser({ userId: ownerId, beforeId, limit: size + 1 });
      return toPage(orders, size, (order) => order.id);
    },

    async confirmOrder(id, unitPriceCents) {
      const order = await existingOrder(id);
      const items = order.items.map((item) => {
        const price = unitPriceCents.get(item.productId);
        if (price === undefined) throw new Error(`No price for product ${item.productId}`);
        return { ...item, unitPriceCents: price };
      });
      const totalCents = items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
      return transition(order, 'CONFIRMED', { items, totalCents });
    },

    async rejectOrder(id, reason) {
      return transition(await existingOrder(id), 'REJECTED', { rejectionReason: reason });
    },
  };
}

function transitionRefused(order: OrderRecord, to: OrderStatus): AppError {
  const message =
    to === 'CANCELLED' && order.status === 'CANCELLED'
      ? `Order ${order.id} is already cancelled`
      : to === 'CANCELLED' && order.status === 'REJECTED'
        ? `Order ${order.id} was rejected and cannot be cancelled`
        : `Order ${order.id} is ${order.status} and cannot become ${to}`;
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field: 'id', status: order.status });
}
