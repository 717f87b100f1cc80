import { createLogger, type Logger } from '@fedshop/logger';
import { listen } from '@fedshop/service-kit';
import type { GatewayConfig } from './config.js';
import { createGatewayApp, serviceName } from './server.js';

export { loadGatewayConfig, type GatewayConfig } from './config.js';

export interface StartOptions {
  /** @defaultValue a logger at `config.logLevel` */
  logger?: Logger;
}

export interface RunningGateway {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string;
  graphqlUrl: string;
  port: number;
  /** Stops accepting requests, then stops Apollo, the supergraph watcher and Redis. */
  stop(): Promise<void>;
}

/** Loads the supergraph and serves the gateway on the configured port (0 picks a free one). */
export async function startGateway(
  config: GatewayConfig,
  { logger = createLogger({ service: serviceName, level: config.logLevel }) }: StartOptions = {},
): Promise<RunningGateway> {
  const gatewayApp = await createGatewayApp({ config, logger });
  try {
    const server = await listen(gatewayApp.app, config.port, config.host);
    const graphqlUrl = `${server.url}/graphql`;
    logger.info(
      { url: graphqlUrl, supergraph: config.apollo ? 'managed' : config.supergraphSource },
      'gateway ready',
    );
    return {
      url: server.url,
      graphqlUrl,
      port: server.port,
      stop: async () => {
        await server.close();
        await gatewayApp.close();
      },
    };
  } catch (error) {
    await gatewayApp.close().catch(() => {});
    throw error;
  }
}
