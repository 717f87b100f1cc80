import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, Kind, type FragmentDefinitionNode } from 'graphql';
import { boundaryError, ErrorCode } from '@fedshop/errors';
import type { GatewayContext } from '../context.js';
import type { CostModel } from '../cost/cost-model.js';
import { operationCost } from '../cost/operation-cost.js';

export interface UseOperationCostOptions {
  /** `MAX_OPERATION_COST` */
  maxCost: number;
  /** `DEFAULT_LIST_SIZE` */
  defaultListSize: number;
  costModel: CostModel;
  /** Told the cost of every operation that may run (the budget charges it). */
  onCost?: (cost: number, context: GatewayContext) => Promise<void>;
}

/**
 * Computes each operation's cost before execution (document, variables with their defaults,
 * the supergraph's weights) and refuses one over `MAX_OPERATION_COST` with HTTP 400
 * OPERATION_TOO_COMPLEX, `cost` and `limit` in `extensions`. Variables that do not coerce are
 * left to execution, which reports them.
 */
export function useOperationCost({
  maxCost,
  defaultListSize,
  costModel,
  onCost,
}: UseOperationCostOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
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
          await onCost?.(cost, contextValue);
        },
      };
    },
  };
}
