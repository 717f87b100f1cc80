import { productReference, userReference } from './entity-references.js';
import type { Resolvers } from './generated/resolvers-types.js';

/** Thin: arguments in, the order service out; access rules live in the service. */
export const resolvers: Resolvers = {
  Query: {
    order: (_parent, { id }, { viewer, orders, loaders }) =>
      orders.findOrder(viewer, id, loaders.orderById),
  },

  Mutation: {
    placeOrder: (_parent, { input }, { viewer, orders }) => orders.placeOrder(viewer, input.items),
    cancelOrder: (_parent, { id }, { viewer, orders }) => orders.cancelOrder(viewer, id),
  },

  Order: {
    // The same rule as `order(id)`: anonymous callers get UNAUTHENTICATED and another
    // customer's order FORBIDDEN, as an error on that entity alone (the rest of the batch
    // still resolves); unknown ids resolve to null. Reaching an order through a reference
    // therefore never shows more than asking for it directly.
    __resolveReference: (reference, { viewer, orders, loaders }) =>
      orders.findOrder(viewer, reference.id, loaders.orderById),
    user: (order) => userReference(order.userId),
    createdAt: (order) => order.createdAt.toISOString(),
  },

  OrderItem: {
    product: (item) => productReference(item.productId),
  },

  User: {
    orders: (user, { first, after }, { viewer, orders }) =>
      orders.listUserOrders(viewer, user.id, { first, after }),
  },
};
