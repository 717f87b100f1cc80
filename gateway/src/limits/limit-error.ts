import type { GraphQLError } from 'graphql';
import { boundaryError, ErrorCode } from '@fedshop/errors';
import type { LimitViolation } from './static-limits.js';

const describe: Record<LimitViolation['limitName'], string> = {
  MAX_QUERY_DEPTH: 'nests fields more deeply than',
  MAX_ALIASES: 'has more aliases than',
  MAX_DIRECTIVES: 'has more directives than',
  MAX_QUERY_TOKENS: 'has more tokens than',
  MAX_MUTATION_ROOT_FIELDS: 'has more root fields in one mutation than',
  MAX_BATCHED_OPERATIONS: 'batches more operations than',
};

/** HTTP 400 OPERATION_TOO_COMPLEX naming the limit (its variable) and its value. */
export function operationTooComplex({ limitName, limit, found }: LimitViolation): GraphQLError {
  return boundaryError({
    code: ErrorCode.OPERATION_TOO_COMPLEX,
    message: `The request ${describe[limitName]} ${limitName} allows (${limit})`,
    status: 400,
    extensions: { limitName, limit, ...(found === undefined ? {} : { found }) },
  });
}
