import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { useLandingPage } from './use-landing-page.js';
import { useOperationResolution } from './use-operation-resolution.js';

/** Apollo Server plugins of the gateway, after the edge's HTTP steps. */
export function apolloPlugins(config: GatewayConfig): ApolloServerPlugin<GatewayContext>[] {
  return [
    useLandingPage({ production: config.production, graphRef: config.apollo?.graphRef }),
    useOperationResolution(),
  ];
}
