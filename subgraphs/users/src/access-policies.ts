import { isSelfOrAdmin } from '@fedshop/auth';
import { canonicalId, type AuthPolicies } from '@fedshop/subgraph-kit';
import type { UsersContext } from './context.js';
import type { UserRecord } from './users/user-record.js';

/** The policies users' schema names in `@auth(policy: ...)`. */
export const usersPolicies: AuthPolicies<UsersContext> = {
  /**
   * `User.email`: the user themself or an admin. A caller who signed up or logged in
   * during this request carries no identity yet but is that user, so the account in
   * `AuthPayload.user` shows its email. Anyone else gets FORBIDDEN on the field: it is
   * non-null, so the error nulls the enclosing object, stating the query asked for what it
   * may not see rather than silently getting an empty string.
   */
  selfOrAdmin: (viewer, user: UserRecord, { context }) =>
    isSelfOrAdmin(viewer, user.id) || context.signedInUserIds.has(user.id),

  /**
   * `user(id)`: the caller asks for themself, or is an admin. Checked on the argument,
   * before any lookup, so a customer cannot probe which ids exist.
   */
  ownIdOrAdmin: (viewer, _root, { args }) =>
    isSelfOrAdmin(viewer, canonicalId(args.id) ?? String(args.id)),
};
