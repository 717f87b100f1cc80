import { isSelfOrAdmin } from '@fedshop/auth';
import { canonicalId, type AuthPolicies } from '@fedshop/subgraph-kit';
import type { OrdersContext } from './context.js';
import type { UserReference } from './entity-references.js';
import type { OrderRecord } from './orders/order-record.js';

/** The policies orders' schema names in `@auth(policy: ...)`. */
export const ordersPolicies: AuthPolicies<OrdersContext> = {
  /** The `Order` type: its owner or an admin; to anyone else it does not exist. */
  ownerOrAdmin: (viewer, order: OrderRecord) => isSelfOrAdmin(viewer, order.userId),

  /**
   * `User.orders`: the user themself or an admin, decided on the reference before any
   * read. Owners are stored as the users service issues ids (lower-case hex), whatever
   * case the reference used.
   */
  selfOrAdmin: (viewer, user: UserReference) =>
    isSelfOrAdmin(viewer, canonicalId(user.id) ?? String(user.id)),
};
