import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '@fedshop/gateway';
import { loadOrdersConfig } from '@fedshop/orders';
import { loadProductsConfig } from '@fedshop/products';
import { loadUsersConfig } from '@fedshop/users';
import {
  credentialVariables,
  environmentOf,
  placeholderShell,
  readComposeFile,
} from './compose-file.js';

const services = readComposeFile().services;

/** What a user exports before `docker compose up`; everything else takes the file's defaults. */
const shell: Record<string, string> = {
  FEDSHOP_KEYS_DIR: '/srv/fedshop-keys',
  ...placeholderShell(credentialVariables),
};
const mongoUri = (service: string) =>
  `mongodb://${service}:${shell[`${service.toUpperCase()}_DB_PASSWORD`]}@${service}-db:27017/${service}`;

/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}` against `shell`. */
function interpolate(value: string): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_match, name: string, kind?: string, rest?: string) => {
      const set = shell[name];
      if (set !== undefined && set !== '') return set;
      if (kind === '?') throw new Error(`compose would refuse: ${rest}`);
      return kind === '-' ? (rest ?? '') : '';
    },
  );
}

function composeEnvironment(service: string): Record<string, string> {
  const env = environmentOf(services[service]!);
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(value)]));
}

describe('the compose environment of each service', () => {
  it('when users loads it, then it is a valid production config against users-db', () => {
    const config = loadUsersConfig(composeEnvironment('users'));
    expect(config).toMatchObject({
      production: true,
      host: '0.0.0.0',
      port: 4001,
      mongoUri: mongoUri('users'),
      tokenSigningKeysFile: '/run/secrets/token-signing-keys',
      internalJwksFile: '/run/secrets/internal-jwks',
    });
  });

  it('when products loads it, then it is a valid production config that seeds the demo catalogue', () => {
    const config = loadProductsConfig(composeEnvironment('products'));
    expect(config).toMatchObject({
      production: true,
      port: 4002,
      mongoUri: mongoUri('products'),
      seedDemoProducts: true,
    });
  });

  it('when orders loads it, then it is a valid production config against orders-db', () => {
    const config = loadOrdersConfig(composeEnvironment('orders'));
    expect(config).toMatchObject({
      production: true,
      port: 4003,
      mongoUri: mongoUri('orders'),
    });
  });

  it('when each worker loads its environment, then it is a valid production config of its service in separate mode', () => {
    const loaders = {
      users: loadUsersConfig,
      products: loadProductsConfig,
      orders: loadOrdersConfig,
    } as const;
    for (const [service, load] of Object.entries(loaders)) {
      const config = load(composeEnvironment(`${service}-worker`));
      expect(config, service).toMatchObject({
        production: true,
        mongoUri: mongoUri(service),
        queues: {
          workerMode: 'separate',
          redisUrl: `redis://${service}:${shell[`REDIS_${service.toUpperCase()}_PASSWORD`]}@redis:6379`,
        },
      });
      expect(load(composeEnvironment(service)).queues.workerMode, service).toBe('separate');
    }
  });

  it('when the gateway loads it, then it routes to the subgraph services verifying the published user keys', () => {
    const config = loadGatewayConfig(composeEnvironment('gateway'));
    expect(config).toMatchObject({
      production: true,
      port: 4000,
      host: '0.0.0.0',
      clientTokenKeys: { url: 'http://users:4001/.well-known/jwks.json' },
      internalSigningKeysFile: '/run/secrets/internal-signing-keys',
      redisUrl: `redis://gateway:${shell.REDIS_GATEWAY_PASSWORD}@redis:6379`,
      supergraphPath: '/app/supergraph.graphql',
    });
    expect(config.subgraphUrls).toEqual({
      users: 'http://users:4001/graphql',
      products: 'http://products:4002/graphql',
      orders: 'http://orders:4003/graphql',
    });
  });
});
