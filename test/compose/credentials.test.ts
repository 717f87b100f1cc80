import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appServices,
  credentialVariables,
  environmentOf,
  healthcheckCommand,
  interpolateCompose,
  placeholderShell,
  readComposeFile,
  repoRoot,
  subgraphNames,
  workerOf,
  type ComposeService,
} from './compose-file.js';

// Issue 10: every database and Redis connection carries its own credentials, all of them
// from required variables; nothing secret is committed, nothing secret is on a command line.

const text = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const services = readComposeFile().services;
const shell: Record<string, string> = {
  FEDSHOP_KEYS_DIR: '/srv/fedshop-keys',
  ...placeholderShell(credentialVariables),
};
const secretName = /PASSWORD|SECRET|TOKEN|_KEY\b|_KEYS\b|_AUTH\b/;

function env(service: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(services[service]!)).map(([k, v]) => [
      k,
      interpolateCompose(v, shell),
    ]),
  );
}

function commandLine(service: ComposeService): string {
  const parts = [service.command, (service as { entrypoint?: unknown }).entrypoint];
  return parts.flat().filter(Boolean).join(' ') + ' ' + healthcheckCommand(service);
}

describe('docker-compose.yml credentials', () => {
  it('when any service has a mongodb:// or redis:// URL, then it carries a user and a password', () => {
    const urls = Object.keys(services).flatMap((name) =>
      Object.entries(env(name))
        .filter(([, value]) => /^(mongodb(\+srv)?|rediss?):\/\//.test(value))
        .map(([key, value]) => ({ name, key, url: new URL(value) })),
    );
    // Three MongoDB URIs and a Redis URL for each of the four app services, and the same
    // two for each of the three workers.
    expect(urls).toHaveLength(13);
    for (const { name, key, url } of urls) {
      expect(url.username, `${name} ${key}`).not.toBe('');
      expect(url.password, `${name} ${key}`).not.toBe('');
    }
  });

  it('when a subgraph connects to its MongoDB, then it is its own user with its own password variable', () => {
    for (const subgraph of subgraphNames) {
      const upper = subgraph.toUpperCase();
      const url = new URL(env(subgraph)[`${upper}_MONGODB_URI`]!);
      expect(url.username).toBe(subgraph);
      expect(url.password).toBe(shell[`${upper}_DB_PASSWORD`]);
      expect(url.host).toBe(`${subgraph}-db:27017`);
      expect(url.pathname).toBe(`/${subgraph}`);
      // The db container creates exactly that user, for that database only.
      const db = env(`${subgraph}-db`);
      expect(db).toMatchObject({
        SERVICE_DB_NAME: subgraph,
        SERVICE_DB_USERNAME: subgraph,
        SERVICE_DB_PASSWORD: url.password,
        MONGO_INITDB_ROOT_USERNAME: shell.MONGO_ROOT_USERNAME,
        MONGO_INITDB_ROOT_PASSWORD: shell.MONGO_ROOT_PASSWORD,
      });
      // Only its own service's password reaches a db container.
      const others = subgraphNames.filter((s) => s !== subgraph);
      for (const other of others) {
        const otherPassword = shell[`${other.toUpperCase()}_DB_PASSWORD`];
        expect(Object.values(db), `${subgraph}-db`).not.toContain(otherPassword);
      }
    }
  });

  it('when a MongoDB starts on an empty volume, then the init script creates the service user with readWrite on its database only', () => {
    for (const subgraph of subgraphNames) {
      const mounts = (services[`${subgraph}-db`]!.volumes ?? []).map(String);
      expect(mounts).toContain(
        './docker/mongo/create-service-user.js:/docker-entrypoint-initdb.d/create-service-user.js:ro',
      );
    }
    const script = readFileSync(join(repoRoot, 'docker/mongo/create-service-user.js'), 'utf8');
    expect(script).toContain("roles: [{ role: 'readWrite', db: dbName }]");
    expect(script).toContain('process.env.SERVICE_DB_PASSWORD');
  });

  it('when a worker connects to its MongoDB and Redis, then it is its service, with the same credentials', () => {
    for (const subgraph of subgraphNames) {
      const upper = subgraph.toUpperCase();
      const worker = env(workerOf(subgraph));
      expect(worker[`${upper}_MONGODB_URI`], subgraph).toBe(env(subgraph)[`${upper}_MONGODB_URI`]);
      expect(worker.REDIS_URL, subgraph).toBe(env(subgraph).REDIS_URL);
      expect(new URL(worker.REDIS_URL!).username, subgraph).toBe(subgraph);
    }
  });

  it('when an app service connects to Redis, then it is its own ACL user with its own password variable', () => {
    const redisEnv = env('redis');
    for (const name of appServices) {
      const url = new URL(env(name).REDIS_URL!);
      expect(url.host, name).toBe('redis:6379');
      expect(url.username, name).toBe(name);
      const variable = `REDIS_${name.toUpperCase()}_PASSWORD`;
      expect(url.password, name).toBe(shell[variable]);
      expect(redisEnv[variable], name).toBe(url.password);
    }
  });

  it('when a credential variable is unset, then compose refuses (no default)', () => {
    for (const variable of credentialVariables) {
      const pattern = new RegExp(`\\$\\{${variable}(:?[-?])?([^}]*)\\}`, 'g');
      const uses = [...text.matchAll(pattern)];
      expect(uses.length, variable).toBeGreaterThanOrEqual(1);
      for (const use of uses) expect(use[1], `${variable}: ${use[0]}`).toBe(':?');
    }
  });

  it('when the file is searched for secrets, then no secret variable has a default and no URL has a literal password', () => {
    for (const match of text.matchAll(/\$\{(\w+)(:?-)([^}]*)\}/g)) {
      const [, name, , fallback] = match;
      if (secretName.test(name!)) expect(fallback, `${name} has a committed default`).toBe('');
    }
    for (const match of text.matchAll(/(mongodb|rediss?):\/\/([^@\s'"]*)@/g)) {
      const userinfo = match[2]!;
      expect(userinfo, match[0]).toMatch(/^\w+:\$\{\w+:\?[^}]+\}$/);
    }
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environmentOf(service))) {
        // *_FILE variables hold where a key file is mounted, not the key.
        if (secretName.test(key) && !key.endsWith('_FILE') && value !== '') {
          expect(value, `${name} ${key}`).toMatch(/^\$\{\w+(:\?[^}]+|:-)\}$/);
        }
      }
    }
  });

  it('when a health check, command or entrypoint runs, then no secret is on its command line', () => {
    const secrets = Object.entries(shell).map(([, value]) => value);
    for (const [name, service] of Object.entries(services)) {
      const line = interpolateCompose(commandLine(service), shell);
      for (const secret of secrets) expect(line, name).not.toContain(secret);
      expect(commandLine(service), name).not.toMatch(/\$\{?\w*(PASSWORD|SECRET)/);
    }
  });

  it('when services need keys, then each gets only its own key files, as secrets from FEDSHOP_KEYS_DIR with no default', () => {
    const secretsOf = (name: string) =>
      ((services[name] as { secrets?: string[] }).secrets ?? []).slice().sort();
    expect(secretsOf('users')).toEqual(['internal-jwks', 'token-signing-keys']);
    expect(secretsOf('products')).toEqual(['internal-jwks']);
    expect(secretsOf('orders')).toEqual(['internal-jwks']);
    expect(secretsOf('gateway')).toEqual(['internal-signing-keys']);
    // Workers sign nothing: only the public internal keys their configuration names.
    for (const subgraph of subgraphNames) {
      expect(secretsOf(workerOf(subgraph)), subgraph).toEqual(['internal-jwks']);
    }
    const declared = (readComposeFile() as { secrets?: Record<string, { file: string }> }).secrets;
    expect(Object.keys(declared ?? {}).sort()).toEqual([
      'internal-jwks',
      'internal-signing-keys',
      'token-signing-keys',
    ]);
    for (const [name, { file }] of Object.entries(declared ?? {})) {
      expect(file, name).toMatch(/^\$\{FEDSHOP_KEYS_DIR:\?[^}]+\}\/[\w-]+\.json$/);
    }
    expect(env('users').TOKEN_SIGNING_KEYS_FILE).toBe('/run/secrets/token-signing-keys');
    expect(env('gateway').INTERNAL_SIGNING_KEYS_FILE).toBe('/run/secrets/internal-signing-keys');
    expect(env('gateway').JWKS_URL).toBe('http://users:4001/.well-known/jwks.json');
    for (const name of ['users', 'products', 'orders']) {
      expect(env(name).INTERNAL_JWKS_FILE, name).toBe('/run/secrets/internal-jwks');
    }
  });
});
