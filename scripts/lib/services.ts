/** One process `npm start` runs, in start order: subgraphs first, the gateway last. */
export interface ServiceSpec {
  name: 'users' | 'products' | 'orders' | 'gateway';
  /** Package folder from the repository root; its `src/index.ts` is the entry. */
  dir: string;
  portVariable: string;
  defaultPort: number;
  /** Whether it verifies or issues JWTs and so needs `JWT_SECRET`. */
  needsJwtSecret: boolean;
}

export const subgraphServices: readonly ServiceSpec[] = [
  {
    name: 'users',
    dir: 'subgraphs/users',
    portVariable: 'USERS_PORT',
    defaultPort: 4001,
    needsJwtSecret: true,
  },
  {
    name: 'products',
    dir: 'subgraphs/products',
    portVariable: 'PRODUCTS_PORT',
    defaultPort: 4002,
    needsJwtSecret: false,
  },
  {
    name: 'orders',
    dir: 'subgraphs/orders',
    portVariable: 'ORDERS_PORT',
    defaultPort: 4003,
    needsJwtSecret: false,
  },
];

export const gatewayService: ServiceSpec = {
  name: 'gateway',
  dir: 'gateway',
  portVariable: 'GATEWAY_PORT',
  defaultPort: 4000,
  needsJwtSecret: true,
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
