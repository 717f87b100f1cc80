import type DataLoader from 'dataloader';
import type { BaseSubgraphContext } from '@fedshop/subgraph-kit';
import type { UserRecord } from './users/user-record.js';
import type { UsersService } from './users/users-service.js';

/** The users subgraph's GraphQL context: one per request. */
export interface UsersContext extends BaseSubgraphContext {
  users: UsersService;
  /** Batches this request's `User` entity lookups into one query. */
  userLoader: DataLoader<string, UserRecord | null>;
  /**
   * Accounts that signed up or logged in during this request. The caller carries no
   * identity headers yet, but is that user, so the returned `AuthPayload.user` shows its email.
   */
  signedInUserIds: Set<string>;
}
