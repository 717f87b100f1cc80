import type DataLoader from 'dataloader';
import type { SubgraphContext } from '@fedshop/subgraph-kit';
import type { UserRecord } from './users/user-record.js';
import type { UsersService } from './users/users-service.js';

/** The users subgraph's GraphQL context: one per request (built by the subgraph kit). */
export type UsersContext = SubgraphContext<
  { users: UsersService },
  { userById: DataLoader<string, UserRecord | null> },
  { signedInUserIds: Set<string> }
>;
