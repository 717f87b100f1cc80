import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';

export interface UseLandingPageOptions {
  production: boolean;
  /** With a graph ref, production links to the graph in Apollo Studio; without, no page. */
  graphRef?: string | undefined;
}

/**
 * What a browser sees at `GET /graphql`: Apollo Sandbox (embedded Explorer) in development,
 * in production the Studio landing page of a managed graph or nothing at all.
 */
export function useLandingPage({
  production,
  graphRef,
}: UseLandingPageOptions): ApolloServerPlugin {
  if (!production) return ApolloServerPluginLandingPageLocalDefault({ embed: true });
  if (graphRef) return ApolloServerPluginLandingPageProductionDefault({ graphRef, footer: false });
  return ApolloServerPluginLandingPageDisabled();
}
