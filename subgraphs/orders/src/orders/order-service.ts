import { Types } from 'mongoose';
import { AppError, ErrorCode, badUserInput, notFound } from '@fedshop/errors';
import type { RefusalReason, StockReplyPayload } from '@fedshop/queues';
import {
  canonicalId,
  decodeCursor,
  isDuplicateKeyError,
  pageSize,
  toPage,
  type Page,
} from '@fedshop/subgraph-kit';
import type { OutboxSignal } from '../workflow/outbox-signal.js';
import { sameLines, validIdempotencyKey } from './idempotency-key.js';
import { normaliseOrderItems, type OrderItemRequest } from './order-items.js';
import { orderConfirmed, releaseStock, reserveStock, type OwedMessage } from './order-messages.js';
import type { OrderRecord } from './order-record.js';
import type { OrderRepository, TransitionFields } from './order-repository.js';
import { canTransition, type OrderStatus } from './order-status.js';
import { outboxEntry } from './outbox-entry.js';

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

/** What a stock reply did to its order. */
export type ReplyOutcome = 'confirmed' | 'rejected' | 'ignored';

/** Who may call each use case is the schema's `@auth` rule, checked before it runs. */
export interface OrderService {
  /**
   * Records a PENDING order for that user (the caller) with its reservation message, in
   * one insert. With an idempotency key already used by that user: the first order, or
   * BAD_USER_INPUT when the items differ.
   */
  placeOrder(
    userId: string,
    items: readonly OrderItemRequest[],
    idempotencyKey?: string | null,
  ): Promise<OrderRecord>;
  /** The order `orders` finds; null when it finds none or the id is malformed. */
  findOrder(id: string, orders: OrderLookup): Promise<OrderRecord | null>;
  /** Cancels the order `orders` finds and releases its stock; NOT_FOUND when it finds none. */
  cancelOrder(id: string, orders: OrderLookup): Promise<OrderRecord>;
  /** A user's orders, newest first. */
  listUserOrders(userId: string, args: UserOrdersArgs): Promise<Page<OrderRecord>>;
  /**
   * Workflow seam: fixes the unit prices and total of a PENDING order, confirms it and
   * owes the users service an order-confirmed event.
   */
  confirmOrder(id: string, unitPriceCents: ReadonlyMap<string, number>): Promise<OrderRecord>;
  /** Workflow seam: rejects a PENDING order, saying why (the products side holds nothing). */
  rejectOrder(id: string, reason: string): Promise<OrderRecord>;
  /** The stock-replies worker: confirm, reject, or ignore a reply the order is past. */
  applyStockReply(reply: StockReplyPayload): Promise<ReplyOutcome>;
  /** Rejects ("timed out") PENDING orders placed before `placedBefore`, releasing their stock. */
  expirePendingOrders(placedBefore: Date, limit?: number): Promise<number>;
}

export interface OrderServiceOptions {
  repository: OrderRepository;
  /** Told about every write that appends outbox entries (the relay publishes them). */
  outbox?: OutboxSignal;
  /** How long an idempotency key is remembered. @defaultValue 24 h */
  idempotencyKeyTtlMs?: number;
}

/** Optimistic transitions retry this often when other writers keep appending (rare). */
const transitionAttempts = 8;

export function createOrderService({
  repository,
  outbox,
  idempotencyKeyTtlMs = 24 * 3600_000,
}: OrderServiceOptions): OrderService {
  /**
   * Every status change goes through here: checked, then applied conditionally with the
   * messages it owes, in one update. A concurrent writer makes it re-read and decide again.
   */
  async function transition(
    order: OrderRecord,
    to: OrderStatus,
    fields: TransitionFields = {},
    owes: (order: OrderRecord) => OwedMessage[] = () => [],
  ): Promise<OrderRecord> {
    let current = order;
    for (let attempt = 0; attempt < transitionAttempts; attempt += 1) {
      if (!canTransition(current.status, to)) throw transitionRefused(current, to);
      const entries = owes(current).map((message, index) =>
        outboxEntry(current.id, current.outboxSeq + 1 + index, message.queue, message.payload),
      );
      const updated = await repository.transition(current, to, fields, entries);
      if (updated) {
        outbox?.notify(updated);
        return updated;
      }
      const fresh = await repository.findById(current.id);
      if (!fresh) throw notFound('Order', current.id);
      current = fresh;
    }
    throw new Error(`Order ${order.id} kept changing; transition to ${to} not applied`);
  }

  async function existingOrder(id: string): Promise<OrderRecord> {
    const order = await repository.findById(id);
    if (!order) throw notFound('Order', id);
    return order;
  }

  /** The first order placed with this key, if it asked for the same lines. */
  function replayed(first: OrderRecord, items: readonly { productId: string; quantity: number }[]) {
    if (!sameLines(first.items, items)) {
      throw badUserInput(
        'idempotencyKey',
        'This idempotencyKey was already used for an order with other items',
      );
    }
    return first;
  }

  /** Prices the lines of `order` at the held unit prices and confirms it. */
  async function confirm(order: OrderRecord, unitPriceCents: ReadonlyMap<string, number>) {
    const items = order.items.map((item) => {
      const price = unitPriceCents.get(item.productId);
      if (price === undefined) throw new Error(`No price for product ${item.productId}`);
      return { ...item, unitPriceCents: price };
    });
    const totalCents = items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
    return transition(order, 'CONFIRMED', { items, totalCents }, (current) => [
      orderConfirmed(current, totalCents),
    ]);
  }

  const reject = (order: OrderRecord, reason: string) =>
    transition(order, 'REJECTED', { rejectionReason: reason });

  const service: OrderService = {
    async placeOrder(userId, requested, idempotencyKey) {
      const key = validIdempotencyKey(idempotencyKey);
      const items = normaliseOrderItems(requested);
      if (key) {
        const first = await repository.findByIdempotencyKey(userId, key);
        if (first) return replayed(first, items);
      }
      const id = new Types.ObjectId().toHexString();
      try {
        const order = await repository.create({
          id,
          userId,
          items,
          idempotencyKey: key
            ? { key, expiresAt: new Date(Date.now() + idempotencyKeyTtlMs) }
            : undefined,
          outbox: [outboxEntry(id, 1, ...owed(reserveStock({ id, items })))],
        });
        outbox?.notify(order);
        return order;
      } catch (error) {
        // Two placements with one key at once: the unique index lets one through.
        if (key && isDuplicateKeyError(error)) {
          const first = await repository.findByIdempotencyKey(userId, key);
          if (first) return replayed(first, items);
        }
        throw error;
      }
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
      // Exactly one writer wins the move to CANCELLED, so the release is owed once.
      return transition(order, 'CANCELLED', {}, (current) => [releaseStock(current, 'cancelled')]);
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
      return confirm(await existingOrder(id), unitPriceCents);
    },

    async rejectOrder(id, reason) {
      return reject(await existingOrder(id), reason);
    },

    async applyStockReply(reply) {
      const order = await repository.findById(reply.orderId);
      // Stale or repeated: the order moved on (cancelled, expired, already decided). A
      // cancel or expiry owes its own release, which undoes a late hold.
      if (!order || order.status !== 'PENDING') return 'ignored';
      try {
        if (reply.outcome === 'reserved') {
          if (!sameLines(order.items, reply.items)) {
            throw new Error(`Reply for order ${order.id} does not match its items`);
          }
          const prices = new Map(reply.items.map((item) => [item.productId, item.unitPriceCents]));
          // The order just read: the transition is conditional on it, so nothing is read twice.
          await confirm(order, prices);
          return 'confirmed';
        }
        await reject(order, refusalMessage(reply.reason, reply.productId));
        return 'rejected';
      } catch (error) {
        // Lost the race to a cancel or an expiry: that writer decided.
        if (error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT) return 'ignored';
        throw error;
      }
    },

    async expirePendingOrders(placedBefore, limit = 100) {
      const stale = await repository.pendingSince(placedBefore, limit);
      let expired = 0;
      for (const order of stale) {
        try {
          // Whatever may be held (a reservation in flight, a poison reply) is released.
          await transition(order, 'REJECTED', { rejectionReason: 'timed out' }, (current) => [
            releaseStock(current, 'timed-out'),
          ]);
          expired += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
      return expired;
    },
  };
  return service;
}

const owed = (message: OwedMessage) => [message.queue, message.payload] as const;

function refusalMessage(reason: RefusalReason, productId: string): string {
  switch (reason) {
    case 'short':
      return `Not enough stock for product ${productId}`;
    case 'unknown':
      return `Unknown product ${productId}`;
    default:
      return `Stock for product ${productId} was released before it was held`;
  }
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
