import { getDirective } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { Viewer } from '@fedshop/auth';
import { forbidden, unauthenticated, type AppError } from '@fedshop/errors';

/**
 * The subgraph-local `@auth` directive. Each subgraph declares it in its schema.graphql;
 * it is not `@composeDirective`d, so composition leaves it out of the supergraph (the
 * stock gateway refuses Federation's `for: SECURITY` directives). Its arguments are
 * strings, not an enum: composition would carry an enum into the supergraph.
 */
export const authDirectiveName = 'auth';

/** Who a rule lets through before any policy: anyone, a signed-in user, or an admin. */
export const authRequirements = ['ANYONE', 'USER', 'ADMIN'] as const;
export type AuthRequirement = (typeof authRequirements)[number];

export interface AuthRule {
  requires: AuthRequirement;
  /** The name of a policy the subgraph definition registers. */
  policy: string | undefined;
  /** A refused caller gets null, as if there were nothing there, instead of an error. */
  hidden: boolean;
}

export interface PolicyRequest<TContext> {
  /** The field's arguments; empty for a rule on a type. */
  args: Readonly<Record<string, unknown>>;
  context: TContext;
}

/**
 * A named access rule, given the caller and the subject: on a field, the field's parent
 * object (undefined on Query and Mutation); on a type, the object itself. True lets the
 * caller through.
 */
export type AuthPolicy<TContext = never> = (
  viewer: Viewer | null,
  // Each policy knows the subject its schema rules give it; the schema, not TypeScript,
  // ties the two together, and the kit checks every named policy exists at start-up.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  subject: any,
  request: PolicyRequest<TContext>,
) => boolean;

export type AuthPolicies<TContext> = Readonly<Record<string, AuthPolicy<TContext>>>;

/** The rule `@auth` declares on a field or type, or null when it carries none. */
export function authRuleOf(
  schema: GraphQLSchema,
  /** An object type, or a field (or field config) of one. */
  node: Parameters<typeof getDirective>[1],
  where: string,
  policies: AuthPolicies<never>,
): AuthRule | null {
  const [directive] = getDirective(schema, node, authDirectiveName) ?? [];
  if (!directive) return null;
  const { requires = 'USER', policy, hidden = false } = directive as Record<string, unknown>;
  if (!(authRequirements as readonly unknown[]).includes(requires)) {
    throw new Error(
      `@auth on ${where}: requires must be one of ${authRequirements.join(', ')}, not ${String(requires)}`,
    );
  }
  if (policy !== undefined && !Object.hasOwn(policies, String(policy))) {
    throw new Error(
      `@auth on ${where} names the policy "${String(policy)}", which is not registered`,
    );
  }
  return {
    requires: requires as AuthRequirement,
    policy: policy === undefined ? undefined : String(policy),
    hidden: hidden === true,
  };
}

/** Why the rule refuses this caller, or null when it lets them through. */
export function refusal<TContext>(
  rule: AuthRule,
  policies: AuthPolicies<TContext>,
  viewer: Viewer | null,
  subject: unknown,
  request: PolicyRequest<TContext>,
): AppError | null {
  if (rule.requires !== 'ANYONE' && !viewer) return unauthenticated();
  if (rule.requires === 'ADMIN' && viewer?.role !== 'ADMIN') return forbidden();
  if (rule.policy !== undefined && !policies[rule.policy]!(viewer, subject, request)) {
    return forbidden();
  }
  return null;
}
