import type DataLoader from 'dataloader';
import type { BaseSubgraphContext } from '@fedshop/subgraph-kit';
import type { UserRecord } from './users/user-record.js';
import type { UsersService } from './users/users-service.js';

/** The users subgraph's GraphQL context: one per request. */
export interface UsersContext extends BaseSubgraphContext {
  users: UsersService;
  /** Per request, so batching never crosses requests nor callers. */
  loaders: { userById: DataLoader<string, UserRecord | null> };
  /**
   * Accounts that signed up or logged in during this request. The caller carries no
   * identity headers yet, but is that user, so the returned `AuthPayload.user` shows its email.
   */
  signedInUserIds: Set<string>;
}
