import { describe, expect, it } from 'vitest';
import { serviceEnvironment, type LaunchSettings } from '../../scripts/lib/service-env.js';
import { allServices, gatewayService, subgraphServices } from '../../scripts/lib/services.js';

const settings: LaunchSettings = {
  host: '127.0.0.1',
  dataDir: '/tmp/fedshop-data',
  redisUrl: 'redis://127.0.0.1:6380',
  ports: new Map([
    ['users', 5001],
    ['products', 5002],
    ['orders', 5003],
    ['gateway', 5000],
  ]),
  portVariables: new Map(allServices.map((spec) => [spec.name, spec.portVariable])),
};

const base = { PATH: '/usr/bin', GATEWAY_PORT: '0' };

describe('serviceEnvironment', () => {
  it('when a subgraph starts, then it gets the concrete ports, data dir (where its keys are) and Redis', () => {
    const [users, products, orders] = subgraphServices.map((spec) =>
      serviceEnvironment(spec, base, settings),
    );
    for (const env of [users, products, orders]) {
      expect(env).toMatchObject({
        PATH: '/usr/bin',
        HOST: '127.0.0.1',
        DATA_DIR: '/tmp/fedshop-data',
        REDIS_URL: 'redis://127.0.0.1:6380',
        USERS_PORT: '5001',
        PRODUCTS_PORT: '5002',
        ORDERS_PORT: '5003',
        GATEWAY_PORT: '5000',
      });
      expect(env?.SUBGRAPH_URLS).toBeUndefined();
    }
    for (const env of [users, products, orders]) expect(env?.JWKS_URL).toBeUndefined();
  });

  it("when the gateway starts, then it gets the users' JWKS URL, the subgraph URLs and telemetry off", () => {
    const env = serviceEnvironment(gatewayService, base, settings);
    expect(env.JWKS_URL).toBe('http://127.0.0.1:5001/.well-known/jwks.json');
    expect(env.SUBGRAPH_URLS).toBe(
      'users=http://127.0.0.1:5001/graphql,products=http://127.0.0.1:5002/graphql,orders=http://127.0.0.1:5003/graphql',
    );
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it('when the user chose a telemetry setting, then the launcher keeps it', () => {
    const env = serviceEnvironment(
      gatewayService,
      { ...base, APOLLO_TELEMETRY_DISABLED: 'false' },
      settings,
    );
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('false');
  });

  it('when the services bind every interface, then the gateway reaches them through loopback', () => {
    const env = serviceEnvironment(gatewayService, base, { ...settings, host: '0.0.0.0' });
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.SUBGRAPH_URLS).toContain('users=http://127.0.0.1:5001/graphql');
  });

  it('when the launcher runs a store for a subgraph (WORKER_MODE=separate), then that subgraph (and so its worker) gets its URI, and nobody else', () => {
    const uri = 'mongodb://orders:secret@127.0.0.1:40000/orders';
    const withStores = { ...settings, storeUris: new Map([['orders', uri]]) };
    const [users, , orders] = subgraphServices.map((spec) =>
      serviceEnvironment(spec, base, withStores),
    );
    expect(orders?.ORDERS_MONGODB_URI).toBe(uri);
    expect(users?.ORDERS_MONGODB_URI).toBeUndefined();
    expect(users?.USERS_MONGODB_URI).toBeUndefined();
    expect(serviceEnvironment(gatewayService, base, withStores).ORDERS_MONGODB_URI).toBeUndefined();
  });
});
