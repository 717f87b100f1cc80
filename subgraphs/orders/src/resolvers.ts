import { productReference, userReference } from './entity-references.js';
import type { Resolvers } from './generated/resolvers-types.js';

/** Thin: arguments in, the order service out; access rules live in the schema's `@auth`. */
export const resolvers: Resolvers = {
  Query: {
    order: (_parent, { id }, { orders, loaders }) => orders.findOrder(id, loaders.orderById),
  },

  Mutation: {
    // `@auth`: only signed-in callers get here.
    placeOrder: (_parent, { input }, { viewer, orders }) =>
      orders.placeOrder(viewer!.userId, input.items, input.idempotencyKey),
    cancelOrder: (_parent, { id }, { orders, loaders }) =>
      orders.cancelOrder(id, loaders.orderById),
  },

  Order: {
    // Through the same lookup as `order(id)`, and the kit wraps it in the `Order` rule:
    // an order the caller may not see is null, as an unknown id.
    __resolveReference: (reference, { orders, loaders }) =>
      orders.findOrder(reference.id, loaders.orderById),
    user: (order) => userReference(order.userId),
    createdAt: (order) => order.createdAt.toISOString(),
    updatedAt: (order) => order.updatedAt.toISOString(),
  },

  OrderItem: {
    product: (item) => productReference(item.productId),
  },

  User: {
    orders: (user, { first, after }, { orders }) =>
      orders.listUserOrders(user.id, { first, after }),
  },
};
