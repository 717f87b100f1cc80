import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The parts of a compose service these tests read. */
export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { published?: string | number; target?: number })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const appServices = ['users', 'products', 'orders', 'gateway'] as const;
export const subgraphNames = ['users', 'products', 'orders'] as const;
export type SubgraphName = (typeof subgraphNames)[number];
/** A subgraph's queue workers in their own container (WORKER_MODE=separate). */
export const workerOf = (subgraph: SubgraphName) => `${subgraph}-worker` as const;
export const workerServices = subgraphNames.map(workerOf);

export function readComposeFile(): ComposeFile {
  const text = readFileSync(`${repoRoot}/docker-compose.yml`, 'utf8');
  // Anchors and merge keys (`<<: *node-service`) resolved as compose resolves them.
  return parse(text, { merge: true }) as ComposeFile;
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const { environment } = service;
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

export function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const { depends_on: dependsOn } = service;
  if (!dependsOn) return {};
  if (Array.isArray(dependsOn))
    return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, { condition }]) => [name, condition]),
  );
}

/** Host side of each published port: `4000:4000` → `4000`, `127.0.0.1:4000:4000` → `127.0.0.1:4000`. */
export function publishedHostPorts(service: ComposeService): string[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return String(port.published ?? '');
    const parts = String(port).split(':');
    return parts.length === 1 ? (parts[0] ?? '') : parts.slice(0, -1).join(':');
  });
}

export function healthcheckCommand(service: ComposeService): string {
  const test = service.healthcheck?.test;
  if (!test || service.healthcheck?.disable) return '';
  return Array.isArray(test) ? test.join(' ') : test;
}

export function namedVolumesOf(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((volume) => {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    // Bind mounts start with `.`, `/` or `~`; everything else names a volume.
    return source && !/^[./~]/.test(source) ? [source] : [];
  });
}

/**
 * Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}` against `shell`; throws
 * where compose would refuse to start.
 */
export function interpolateCompose(value: string, shell: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::?([-?])([^}]*))?\}/g,
    (_match, name: string, kind?: string, rest?: string) => {
      const set = shell[name];
      if (set !== undefined && set !== '') return set;
      if (kind === '?') throw new Error(`compose would refuse: ${rest}`);
      return kind === '-' ? (rest ?? '') : '';
    },
  );
}

/** The database and Redis credentials docker-compose.yml requires (README, Docker Compose). */
export const credentialVariables = [
  'MONGO_ROOT_USERNAME',
  'MONGO_ROOT_PASSWORD',
  'USERS_DB_PASSWORD',
  'PRODUCTS_DB_PASSWORD',
  'ORDERS_DB_PASSWORD',
  'REDIS_USERS_PASSWORD',
  'REDIS_PRODUCTS_PASSWORD',
  'REDIS_ORDERS_PASSWORD',
  'REDIS_GATEWAY_PASSWORD',
] as const;

/** A distinct placeholder value per variable, so a test can tell where each one ends up. */
export function placeholderShell(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, `${name.toLowerCase()}-value-0123456789abcdef`]),
  );
}
