import { z } from 'zod';

/**
 * Job payloads carry ids, quantities and prices only — never names, e-mails or anything
 * personal — and a version `v`, so a consumer can refuse (not misread) a shape it does
 * not know. A new shape gets a new version beside the old one until the old drains.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id');
const quantity = z.number().int().positive().max(1_000_000);
const cents = z.number().int().min(0);

/** At most this many lines per order (placeOrder enforces it before anything is queued). */
export const maxOrderLines = 100;

const itemLines = z
  .array(z.object({ productId: id, quantity }))
  .min(1)
  .max(maxOrderLines);

/** reserve-stock: hold every line of an order, all or nothing. */
export const reserveStockPayload = z.object({
  v: z.literal(1),
  orderId: id,
  items: itemLines,
});
export type ReserveStockPayload = z.output<typeof reserveStockPayload>;

/** Why an order gives its stock back. */
export const releaseReasons = ['cancelled', 'rejected', 'timed-out'] as const;
export type ReleaseReason = (typeof releaseReasons)[number];

/**
 * release-stock: give back whatever the order holds on these lines. A line the order
 * does not hold (yet) leaves a tombstone, so a late reservation for it is refused.
 */
export const releaseStockPayload = z.object({
  v: z.literal(1),
  orderId: id,
  items: itemLines,
  reason: z.enum(releaseReasons),
});
export type ReleaseStockPayload = z.output<typeof releaseStockPayload>;

/** Why a reservation was refused: not enough stock, no such product, or released first. */
export const refusalReasons = ['short', 'unknown', 'released'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** stock-replies: the outcome of one reservation, with the unit prices it held at. */
export const stockReplyPayload = z.discriminatedUnion('outcome', [
  z.object({
    v: z.literal(1),
    orderId: id,
    outcome: z.literal('reserved'),
    items: z
      .array(z.object({ productId: id, quantity, unitPriceCents: cents }))
      .min(1)
      .max(maxOrderLines),
  }),
  z.object({
    v: z.literal(1),
    orderId: id,
    outcome: z.literal('refused'),
    reason: z.enum(refusalReasons),
    /** The first line that could not be held. */
    productId: id,
  }),
]);
export type StockReplyPayload = z.output<typeof stockReplyPayload>;

/** order-events: what happened to an order, for notifications (the users worker). */
export const orderEventPayload = z.object({
  v: z.literal(1),
  type: z.literal('order-confirmed'),
  orderId: id,
  /** The customer's id; the consumer looks up how to reach them in its own store. */
  userId: id,
  totalCents: cents,
  /** When the order was confirmed (ISO 8601). */
  at: z.iso.datetime(),
});
export type OrderEventPayload = z.output<typeof orderEventPayload>;
