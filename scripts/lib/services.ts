import { defaultPorts } from '@fedshop/config';

/**
 * The service catalogue: every process `npm start` runs, in start order (subgraphs first,
 * the gateway last). The launcher, `npm run compose`, the end-to-end harness and the
 * Dockerfile/compose tests read it; nothing else lists the services.
 */
export interface ServiceSpec {
  name: 'users' | 'products' | 'orders' | 'gateway';
  /** Package folder from the repository root; its `src/index.ts` is the entry. */
  dir: string;
  portVariable: string;
  defaultPort: number;
}

export interface SubgraphSpec extends ServiceSpec {
  name: 'users' | 'products' | 'orders';
  /** `*_MONGODB_URI`: its own database. */
  mongoUriVariable: string;
  /** Its schema, from the repository root (composed into `supergraph.graphql`). */
  schemaPath: string;
}

export const subgraphServices: readonly SubgraphSpec[] = [
  {
    name: 'users',
    dir: 'subgraphs/users',
    portVariable: 'USERS_PORT',
    defaultPort: defaultPorts.users,
    mongoUriVariable: 'USERS_MONGODB_URI',
    schemaPath: 'subgraphs/users/schema.graphql',
  },
  {
    name: 'products',
    dir: 'subgraphs/products',
    portVariable: 'PRODUCTS_PORT',
    defaultPort: defaultPorts.products,
    mongoUriVariable: 'PRODUCTS_MONGODB_URI',
    schemaPath: 'subgraphs/products/schema.graphql',
  },
  {
    name: 'orders',
    dir: 'subgraphs/orders',
    portVariable: 'ORDERS_PORT',
    defaultPort: defaultPorts.orders,
    mongoUriVariable: 'ORDERS_MONGODB_URI',
    schemaPath: 'subgraphs/orders/schema.graphql',
  },
];

export const gatewayService: ServiceSpec = {
  name: 'gateway',
  dir: 'gateway',
  portVariable: 'GATEWAY_PORT',
  defaultPort: defaultPorts.gateway,
};

export const allServices: readonly ServiceSpec[] = [...subgraphServices, gatewayService];

/** Node flags that run a package from its TypeScript sources (what `npm start` uses). */
export const sourceNodeFlags = ['--conditions=@fedshop/source', '--import', 'tsx'] as const;

/** `http://127.0.0.1:4001`: a wildcard bind address is reached through loopback. */
export function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const urlHost = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${urlHost}:${port}`;
}

/** `users=http://…/graphql,products=…`: the gateway's override of the supergraph's URLs. */
export function subgraphUrls(host: string, ports: ReadonlyMap<string, number>): string {
  return subgraphServices
    .map(({ name }) => `${name}=${baseUrl(host, ports.get(name) ?? 0)}/graphql`)
    .join(',');
}

/** How `npm start` (and the process-based test harness) runs a service from its sources. */
export function serviceCommand(spec: ServiceSpec): { command: string; args: string[] } {
  return { command: process.execPath, args: [...sourceNodeFlags, `${spec.dir}/src/index.ts`] };
}

/** `orders-worker`: a subgraph's queue workers in a process of their own (`WORKER_MODE=separate`). */
export function workerName(spec: SubgraphSpec): string {
  return `${spec.name}-worker`;
}

/** How `npm start` runs a subgraph's separate worker (`src/worker.ts`) from its sources. */
export function workerCommand(spec: SubgraphSpec): { command: string; args: string[] } {
  return { command: process.execPath, args: [...sourceNodeFlags, `${spec.dir}/src/worker.ts`] };
}
