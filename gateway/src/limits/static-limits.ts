import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { countMutationRootFields } from './mutation-root-fields.js';

interface ArmorOptions {
  n: number;
  propagateOnRejection: boolean;
  onReject: (() => void)[];
}

/** The static limits on one GraphQL document, each named by its environment variable. */
export interface StaticLimits {
  MAX_QUERY_DEPTH: number;
  MAX_ALIASES: number;
  MAX_DIRECTIVES: number;
  MAX_QUERY_TOKENS: number;
  MAX_MUTATION_ROOT_FIELDS: number;
}

export type StaticLimitName = keyof StaticLimits;

/** Which limit a document broke, the limit and what the document has (when known). */
export interface LimitViolation {
  limitName: StaticLimitName | 'MAX_BATCHED_OPERATIONS';
  limit: number;
  found?: number;
}

/**
 * Counts the tokens of `source`, stopping at the limit (graphql-armor's counting lexer), so
 * a huge document costs no more than `MAX_QUERY_TOKENS` tokens of work. A document that is
 * not valid GraphQL passes here: the GraphQL parser reports it.
 */
export function checkTokens(source: string, limits: StaticLimits): LimitViolation | undefined {
  let exceeded = false;
  try {
    new MaxTokensParserWLexer(source, {
      n: limits.MAX_QUERY_TOKENS,
      onReject: [
        () => {
          exceeded = true;
        },
      ],
    }).parseDocument();
  } catch {
    // Token limit (flagged above) or a syntax error (left to the parser).
  }
  return exceeded ? { limitName: 'MAX_QUERY_TOKENS', limit: limits.MAX_QUERY_TOKENS } : undefined;
}

/**
 * Depth, aliases and directives (graphql-armor's rules, fragments followed) and root fields
 * per mutation. Run on the parsed document before GraphQL validation, so an abusive document
 * is refused before the validator walks it. Introspection's own `__schema` is not counted for
 * depth: Sandbox's introspection query nests `ofType` deeply.
 */
export function checkDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: StaticLimits,
): LimitViolation | undefined {
  const violations: LimitViolation[] = [];
  // Armor reports a rejection through onReject; propagateOnRejection off keeps its wording
  // ("Syntax Error: ...") out of our answers.
  const rule = (limitName: StaticLimitName, create: (options: ArmorOptions) => ValidationRule) =>
    create({
      n: limits[limitName],
      propagateOnRejection: false,
      onReject: [() => violations.push({ limitName, limit: limits[limitName] })],
    });
  validate(schema, document, [
    rule('MAX_QUERY_DEPTH', (options) => maxDepthRule({ ...options, ignoreIntrospection: true })),
    rule('MAX_ALIASES', maxAliasesRule),
    rule('MAX_DIRECTIVES', maxDirectivesRule),
  ]);
  const rootFields = countMutationRootFields(document);
  if (rootFields > limits.MAX_MUTATION_ROOT_FIELDS) {
    violations.push({
      limitName: 'MAX_MUTATION_ROOT_FIELDS',
      limit: limits.MAX_MUTATION_ROOT_FIELDS,
      found: rootFields,
    });
  }
  return violations[0];
}
