import { baseUrl, subgraphServices, subgraphUrls, type ServiceSpec } from './services.js';

export interface LaunchSettings {
  host: string;
  /** Absolute, so every child agrees whatever its working directory. */
  dataDir: string;
  redisUrl: string;
  /** Concrete port of every service, by name. */
  ports: ReadonlyMap<string, number>;
  portVariables: ReadonlyMap<string, string>;
  /**
   * `*_MONGODB_URI` of the stores the launcher runs itself (`WORKER_MODE=separate`: a
   * subgraph and its worker share one), by subgraph name; a subgraph without one starts
   * its own embedded store.
   */
  storeUris?: ReadonlyMap<string, string>;
}

/**
 * The environment one child runs with: the launcher's own, plus the concrete values the
 * launcher decided (ports, data dir, Redis, subgraph URLs, where the gateway finds the
 * users' keys). Keys are read from DATA_DIR by their default names.
 */
export function serviceEnvironment(
  spec: ServiceSpec,
  base: NodeJS.ProcessEnv,
  settings: LaunchSettings,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    HOST: settings.host,
    DATA_DIR: settings.dataDir,
    REDIS_URL: settings.redisUrl,
  };
  for (const [name, variable] of settings.portVariables) {
    env[variable] = String(settings.ports.get(name));
  }
  const storeUri = settings.storeUris?.get(spec.name);
  const subgraph = subgraphServices.find(({ name }) => name === spec.name);
  if (storeUri && subgraph) env[subgraph.mongoUriVariable] = storeUri;
  if (spec.name === 'gateway') {
    env.SUBGRAPH_URLS = subgraphUrls(settings.host, settings.ports);
    env.JWKS_URL ??= `${baseUrl(settings.host, settings.ports.get('users') ?? 0)}/.well-known/jwks.json`;
    // @apollo/gateway otherwise probes cloud metadata addresses and reports usage to Apollo
    // at start-up; a local run talks to nothing outside this machine unless asked to.
    env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  }
  return env;
}
