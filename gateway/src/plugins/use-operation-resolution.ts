import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import { boundaryError, ErrorCode } from '@fedshop/errors';

/**
 * Rejects, with HTTP 400, a valid document whose operation cannot be chosen (several
 * operations and no `operationName`, or a name the document lacks). Apollo Server does this
 * itself for a local schema, but with a gateway it leaves the choice to the executor, whose
 * error becomes an HTTP 500 although nothing was executed.
 */
export function useOperationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          throw boundaryError({
            code: ErrorCode.OPERATION_RESOLUTION_FAILURE,
            message: unresolvedOperationMessage(document, request.operationName),
            status: 400,
          });
        },
      };
    },
  };
}

/** graphql-js's wording for the same failure. */
function unresolvedOperationMessage(document: DocumentNode, operationName?: string): string {
  if (operationName) return `Unknown operation named "${operationName}".`;
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.length > 1
    ? 'Must provide operation name if query contains multiple operations.'
    : 'Must provide an operation.';
}
