/**
 * Defaults the services and the launcher share (ARCHITECTURE.md, "Ports, endpoints,
 * variables"): written once, so `npm start` and each service's own config never disagree.
 */
export const defaultPorts = { gateway: 4000, users: 4001, products: 4002, orders: 4003 } as const;

/** Outside containers everything binds to loopback. */
export const defaultHost = '127.0.0.1';

export const defaultRedisUrl = 'redis://127.0.0.1:6379';

/** Where the embedded stores (and generated keys) live, relative to the working directory. */
export const defaultDataDir = './.data';
