import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import type { CallerBudget } from '../budget/caller-budget.js';
import type { CostModel } from '../cost/cost-model.js';
import { useLandingPage } from './use-landing-page.js';
import { useOperationCost } from './use-operation-cost.js';
import { useOperationResolution } from './use-operation-resolution.js';
import { useSubgraphRateLimits } from './use-subgraph-rate-limits.js';

/** Apollo Server plugins of the gateway, after the edge's HTTP steps. */
export interface PluginDependencies {
  costModel: CostModel;
  budget: CallerBudget;
}

export function apolloPlugins(
  config: GatewayConfig,
  { costModel, budget }: PluginDependencies,
): ApolloServerPlugin<GatewayContext>[] {
  return [
    useLandingPage({ production: config.production, graphRef: config.apollo?.graphRef }),
    useOperationResolution(),
    // After resolution: the operation to cost is known. Not with EDGE_PROTECTION=off (benchmark).
    ...(config.edgeProtection
      ? [
          useOperationCost({
            maxCost: config.cost.max,
            defaultListSize: config.cost.defaultListSize,
            costModel,
            budget,
          }),
        ]
      : []),
    // A subgraph's own RATE_LIMITED (users' sign-in limits) answered as 429.
    useSubgraphRateLimits(),
  ];
}
