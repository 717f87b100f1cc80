import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@fedshop/config';
import { testKeyEnvironment } from '@fedshop/testing';
import { loadGatewayConfig } from '@fedshop/gateway';

const required = { ...testKeyEnvironment };

function configErrorOf(env: Record<string, string>): string {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway configuration', () => {
  it('when only the secret is set, then the documented defaults apply', () => {
    const config = loadGatewayConfig(required);

    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      nodeEnv: 'development',
      supergraphPath: resolve('supergraph.graphql'),
      supergraphSource: 'file',
      subgraphUrls: {},
      subgraphCalls: {
        requestTimeoutMs: 15_000,
        subgraphTimeoutMs: 10_000,
        maxAttempts: 3,
        breakerThreshold: 5,
        breakerResetMs: 5_000,
        maxResponseBytes: 10_485_760,
      },
      redisUrl: 'redis://127.0.0.1:6379',
      corsOrigins: [],
      introspection: true,
      apollo: undefined,
    });
  });

  it('when no edge variable is set, then the documented limits and budget apply', () => {
    expect(loadGatewayConfig(required)).toMatchObject({
      limits: {
        MAX_QUERY_DEPTH: 12,
        MAX_ALIASES: 30,
        MAX_DIRECTIVES: 50,
        MAX_QUERY_TOKENS: 2_000,
        MAX_MUTATION_ROOT_FIELDS: 5,
      },
      maxBatchedOperations: 1,
      cost: { max: 1_000, defaultListSize: 10 },
      rateLimit: {
        points: 3_000,
        windowSeconds: 60,
        failMode: 'open',
        keyPrefix: 'fedshop:rate-limit',
        redisTimeoutMs: 100,
      },
      trustedProxies: [],
      maxInflight: 100,
    });
  });

  it('when subgraph-call variables are malformed, then each is named', () => {
    const message = configErrorOf({
      ...required,
      REQUEST_TIMEOUT_MS: '0',
      SUBGRAPH_MAX_ATTEMPTS: 'three',
      CIRCUIT_BREAKER_THRESHOLD: '-2',
      CIRCUIT_BREAKER_RESET_MS: '1.5',
      SUBGRAPH_MAX_RESPONSE_BYTES: '0',
    });
    for (const name of [
      'REQUEST_TIMEOUT_MS',
      'SUBGRAPH_MAX_ATTEMPTS',
      'CIRCUIT_BREAKER_THRESHOLD',
      'CIRCUIT_BREAKER_RESET_MS',
      'SUBGRAPH_MAX_RESPONSE_BYTES',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('when a benchmark-only switch is set in production without BENCHMARK_ONLY, then start-up is refused naming it', () => {
    const switches = { EDGE_PROTECTION: 'off', INTERNAL_TOKENS: 'unsigned' };
    const message = configErrorOf({ ...required, NODE_ENV: 'production', ...switches });
    expect(message).toContain('EDGE_PROTECTION');
    expect(message).toContain('INTERNAL_TOKENS');
    expect(message).toContain('BENCHMARK_ONLY=true');

    const benchmark = loadGatewayConfig({
      ...required,
      NODE_ENV: 'production',
      BENCHMARK_ONLY: 'true',
      ...switches,
    });
    expect(benchmark).toMatchObject({ edgeProtection: false, signInternalTokens: false });
    expect(benchmark.warnings).toEqual([
      expect.stringContaining('EDGE_PROTECTION=off (benchmark only)'),
      expect.stringContaining('INTERNAL_TOKENS=unsigned (benchmark only)'),
    ]);
    const defaults = loadGatewayConfig(required);
    expect(defaults).toMatchObject({ edgeProtection: true, signInternalTokens: true });
    expect(defaults.warnings).toEqual([]);
    expect(configErrorOf({ ...required, EDGE_PROTECTION: 'maybe' })).toContain('EDGE_PROTECTION');
  });

  it('when edge variables are malformed, then each is named', () => {
    const message = configErrorOf({
      ...required,
      RATE_LIMIT_FAIL_MODE: 'sideways',
      TRUSTED_PROXIES: '10.0.0.1, not-an-address',
      MAX_QUERY_DEPTH: '0',
      GATEWAY_MAX_INFLIGHT: '-1',
    });
    for (const name of [
      'RATE_LIMIT_FAIL_MODE',
      'TRUSTED_PROXIES',
      'MAX_QUERY_DEPTH',
      'GATEWAY_MAX_INFLIGHT',
    ]) {
      expect(message).toContain(name);
    }
    expect(
      loadGatewayConfig({ ...required, TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).trustedProxies,
    ).toEqual(['10.0.0.0/8', '::1']);
  });

  it('when APOLLO_TELEMETRY_DISABLED is unset, then Apollo telemetry stays off; false turns it on', () => {
    expect(loadGatewayConfig(required).apolloTelemetry).toBe(false);
    expect(
      loadGatewayConfig({ ...required, APOLLO_TELEMETRY_DISABLED: 'false' }).apolloTelemetry,
    ).toBe(true);
  });

  it('when NODE_ENV is production, then introspection is off unless turned on', () => {
    expect(loadGatewayConfig({ ...required, NODE_ENV: 'production' }).introspection).toBe(false);
    expect(
      loadGatewayConfig({ ...required, NODE_ENV: 'production', INTROSPECTION: 'true' })
        .introspection,
    ).toBe(true);
    expect(loadGatewayConfig({ ...required, INTROSPECTION: 'no' }).introspection).toBe(false);
  });

  it('when SUBGRAPH_URLS and CORS_ORIGINS are lists, then they are parsed', () => {
    const config = loadGatewayConfig({
      ...required,
      SUBGRAPH_URLS: 'users=http://users:4001/graphql, products=http://products:4002/graphql',
      CORS_ORIGINS: 'https://shop.example, https://admin.example',
    });

    expect(config.subgraphUrls).toEqual({
      users: 'http://users:4001/graphql',
      products: 'http://products:4002/graphql',
    });
    expect(config.corsOrigins).toEqual(['https://shop.example', 'https://admin.example']);
  });

  it('when both Apollo variables are set, then managed federation is configured', () => {
    const config = loadGatewayConfig({
      ...required,
      APOLLO_KEY: 'service:fedshop:abc',
      APOLLO_GRAPH_REF: 'fedshop@current',
    });
    const keyOnly = loadGatewayConfig({ ...required, APOLLO_KEY: 'service:fedshop:abc' });

    expect(config.apollo).toEqual({ key: 'service:fedshop:abc', graphRef: 'fedshop@current' });
    expect(keyOnly.apollo).toBeUndefined();
  });

  it("when nothing names the users' keys, then development verifies from users' default JWKS URL; JWKS_FILE wins", () => {
    expect(loadGatewayConfig({}).clientTokenKeys).toEqual({
      url: 'http://127.0.0.1:4001/.well-known/jwks.json',
    });
    expect(
      loadGatewayConfig({ JWKS_FILE: '/k/jwks.json', JWKS_URL: 'http://x/j' }).clientTokenKeys,
    ).toEqual({
      file: '/k/jwks.json',
    });
  });

  it('when production lacks its key configuration, then the error names each variable', () => {
    const message = configErrorOf({ NODE_ENV: 'production' });
    expect(message).toContain('INTERNAL_SIGNING_KEYS_FILE: required in production');
    expect(message).toContain('JWKS_URL: required in production (or JWKS_FILE)');
  });

  it('when JWT_SECRET is still set, then one warning names its replacement and not its value', () => {
    const { warnings } = loadGatewayConfig({ JWT_SECRET: 'a-retired-secret-value-0123456789' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^JWT_SECRET is retired/);
    expect(warnings[0]).not.toContain('a-retired-secret-value');
  });

  it('when a variable is malformed, then the error names that variable', () => {
    expect(configErrorOf({ ...required, GATEWAY_PORT: 'http' })).toContain('GATEWAY_PORT');
    expect(configErrorOf({ ...required, SUBGRAPH_URLS: 'users' })).toContain('SUBGRAPH_URLS');
    expect(configErrorOf({ ...required, SUBGRAPH_URLS: 'users=ftp://x' })).toContain(
      'SUBGRAPH_URLS',
    );
    expect(configErrorOf({ ...required, SUBGRAPH_TIMEOUT_MS: '0' })).toContain(
      'SUBGRAPH_TIMEOUT_MS',
    );
    expect(configErrorOf({ ...required, SUPERGRAPH_SOURCE: 'uplink' })).toContain(
      'SUPERGRAPH_SOURCE',
    );
    expect(configErrorOf({ ...required, REDIS_URL: 'localhost:6379' })).toContain('REDIS_URL');
    expect(configErrorOf({ ...required, APOLLO_GRAPH_REF: 'no-variant' })).toContain(
      'APOLLO_GRAPH_REF',
    );
  });

  it('when SUPERGRAPH_SOURCE is introspect without SUBGRAPH_URLS, then SUBGRAPH_URLS is required', () => {
    const message = configErrorOf({ ...required, SUPERGRAPH_SOURCE: 'introspect' });

    expect(message).toContain('SUBGRAPH_URLS');
    expect(message).toContain('required when SUPERGRAPH_SOURCE=introspect');
  });
});
