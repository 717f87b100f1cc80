import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, Kind, type FragmentDefinitionNode } from 'graphql';
import { boundaryError, ErrorCode } from '@fedshop/errors';
import type { GatewayContext } from '../context.js';
import type { CostModel } from '../cost/cost-model.js';
import { operationCost } from '../cost/operation-cost.js';
import { budgetUnavailable, rateLimited } from '../budget/budget-errors.js';
import type { CallerBudget } from '../budget/caller-budget.js';
import { rateLimitHeaders } from '../budget/rate-limit-headers.js';

export interface UseOperationCostOptions {
  /** `MAX_OPERATION_COST` */
  maxCost: number;
  /** `DEFAULT_LIST_SIZE` */
  defaultListSize: number;
  costModel: CostModel;
  /** Charged the cost of every operation that may run. */
  budget?: CallerBudget;
}

/**
 * Computes each operation's cost before execution (document, variables with their defaults,
 * the supergraph's weights) and refuses one over `MAX_OPERATION_COST` with HTTP 400
 * OPERATION_TOO_COMPLEX, `cost` and `limit` in `extensions`. Variables that do not coerce are
 * left to execution, which reports them. Then the cost (at least 1 point) is charged to the
 * caller's budget: one that could never run (costlier than `RATE_LIMIT_POINTS`) is 400, one the
 * budget does not cover now is 429 RATE_LIMITED; the RateLimit fields show what is left.
 */
export function useOperationCost({
  maxCost,
  defaultListSize,
  costModel,
  budget,
}: UseOperationCostOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let budgetHeaders: Record<string, string> | undefined;
      return {
        async willSendResponse({ response }) {
          for (const [name, value] of Object.entries(budgetHeaders ?? {})) {
            response.http.headers.set(name.toLowerCase(), value);
          }
        },
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation) return;
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
          );
          if (coerced.errors) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) {
              fragments.set(definition.name.value, definition);
            }
          }
          const cost = operationCost({
            schema,
            operation,
            fragments,
            variables: coerced.coerced,
            weights: costModel.weights(),
            defaultListSize,
          });
          if (cost > maxCost) {
            throw boundaryError({
              code: ErrorCode.OPERATION_TOO_COMPLEX,
              message: `The operation costs ${cost}; MAX_OPERATION_COST allows ${maxCost}`,
              status: 400,
              extensions: { cost, limit: maxCost, limitName: 'MAX_OPERATION_COST' },
            });
          }
          if (!budget) return;
          if (cost > budget.points) {
            throw boundaryError({
              code: ErrorCode.OPERATION_TOO_COMPLEX,
              message: `The operation costs ${cost}; the whole budget (RATE_LIMIT_POINTS) is ${budget.points}`,
              status: 400,
              extensions: { cost, limit: budget.points, limitName: 'RATE_LIMIT_POINTS' },
            });
          }
          const state = await budget.charge(contextValue.callerKey, Math.max(1, cost));
          if (state === 'unavailable') throw budgetUnavailable();
          budgetHeaders = rateLimitHeaders(budget, state);
          if (!state.allowed) throw rateLimited(state.resetSeconds, budgetHeaders);
        },
      };
    },
  };
}
