import type DataLoader from 'dataloader';
import type { SubgraphContext } from '@fedshop/subgraph-kit';
import type { SessionService } from './sessions/session-service.js';
import type { UserRecord } from './users/user-record.js';
import type { UsersService } from './users/users-service.js';

/** The users subgraph's domain services (spread into the context). */
export interface UsersServices {
  users: UsersService;
  sessions: SessionService;
  /** Releases the services' own clients (the limits' Redis); the kit calls it on stop. */
  closeClients(): Promise<void>;
}

/** The users subgraph's GraphQL context: one per request (built by the subgraph kit). */
export type UsersContext = SubgraphContext<
  UsersServices,
  { userById: DataLoader<string, UserRecord | null> },
  { signedInUserIds: Set<string> }
>;
