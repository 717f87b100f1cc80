import { runSubgraph } from '@fedshop/subgraph-kit';
import { loadUsersConfig } from './config.js';
import { usersSubgraph } from './server.js';

await runSubgraph(usersSubgraph, () => loadUsersConfig());
