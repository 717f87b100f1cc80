import { Lexer, Source, TokenKind } from 'graphql';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/**
 * The operation type of a fetch the query planner wrote, read from its first token (the
 * planner puts the operation first; `{` is the query shorthand). Anything unexpected counts
 * as a mutation, the kind that is never retried or shared.
 */
export function operationKindOf(document: string): OperationKind {
  const token = new Lexer(new Source(document)).advance();
  if (token.kind === TokenKind.BRACE_L) return 'query';
  if (token.kind === TokenKind.NAME && (token.value === 'query' || token.value === 'subscription'))
    return token.value;
  return 'mutation';
}
