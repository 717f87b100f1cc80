import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config.js';
import type { GatewayKeys } from '../trust/gateway-keys.js';
import type { CallerBudget } from '../budget/caller-budget.js';
import type { TrustedProxies } from '../budget/caller-key.js';
import type { SchemaHolder } from '../supergraph/schema-holder.js';
import { useAuthentication } from './use-authentication.js';
import { useBatchLimit } from './use-batch-limit.js';
import { useBodyLimits } from './use-body-limits.js';
import { useCallerBudget } from './use-caller-budget.js';
import { useCors } from './use-cors.js';
import { useLoadShedding } from './use-load-shedding.js';
import { useOperationLimits } from './use-operation-limits.js';

/** What the steps read beyond the configuration. */
export interface EdgeDependencies {
  schemas: SchemaHolder;
  budget: CallerBudget;
  proxies: TrustedProxies;
  metrics: Registry;
  keys: GatewayKeys;
}

/**
 * The HTTP steps in front of Apollo at `/graphql`, in the order they run. The service shell
 * gives every request its id before any of them (so every answer carries it). CORS comes
 * first, so browsers can read every later error; shedding next, before any work; the document
 * limits before authentication (they need no caller); the caller is known before its budget.
 */
export function edgePipeline(
  config: GatewayConfig,
  { schemas, budget, proxies, metrics, keys }: EdgeDependencies,
): RequestHandler[] {
  if (!config.edgeProtection) {
    // EDGE_PROTECTION=off, benchmark only: what the request needs, none of the protection.
    return [
      useCors({ origins: config.corsOrigins }),
      useBodyLimits(),
      useAuthentication({ verify: keys.verifyAccessToken, proxies }),
    ];
  }
  return [
    useCors({ origins: config.corsOrigins }),
    useLoadShedding({ maxInflight: config.maxInflight, metrics }),
    useBodyLimits(),
    useBatchLimit({ maxOperations: config.maxBatchedOperations }),
    useOperationLimits({ limits: config.limits, schemas }),
    useAuthentication({ verify: keys.verifyAccessToken, proxies }),
    useCallerBudget({ budget }),
  ];
}
