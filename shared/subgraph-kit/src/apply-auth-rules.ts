import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { AppError, ErrorCode } from '@fedshop/errors';
import { audit, type AuditOutcome } from '@fedshop/logger';
import { authRuleOf, refusal, type AuthPolicies, type AuthRule } from './auth-rules.js';
import type { BaseSubgraphContext } from './subgraph-context.js';

/** What a rule on a type says about one object, for the per-request entity loaders. */
export type Visibility = (typeName: string) => (value: unknown) => boolean;

export interface AuthorizedSchema<TContext> {
  schema: GraphQLSchema;
  /** For loaders of one request: whether its caller may see an object of that type. */
  visibilityFor(context: TContext): Visibility;
}

type ResolveReference = (reference: object, context: unknown, info: unknown) => unknown;

interface SubgraphTypeExtensions {
  apollo?: { subgraph?: { resolveReference?: ResolveReference } };
}

/**
 * The one place access rules are enforced: every `@auth` in the schema becomes a check
 * around the resolvers it concerns.
 *
 * - On a field: checked before the field resolves, with its parent and arguments.
 * - On a type: checked on every object of that type a field returns, and around its
 *   `__resolveReference`, so `_entities` cannot skip it.
 * - `hidden: true`: refusal is null (on a type, "as if there were no such object") instead
 *   of an UNAUTHENTICATED or FORBIDDEN error.
 * - Mutations that require ADMIN write one audit line each (see `audit`).
 *
 * Misconfiguration (unknown policy, `hidden` on a non-null field) fails at start-up.
 */
export function applyAuthRules<TContext extends BaseSubgraphContext>(
  schema: GraphQLSchema,
  policies: AuthPolicies<TContext>,
): AuthorizedSchema<TContext> {
  const anyPolicies = policies as AuthPolicies<never>;
  const typeRules = new Map<string, AuthRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const rule = authRuleOf(schema, type, type.name, anyPolicies);
    if (rule) typeRules.set(type.name, rule);
  }
  const mutationTypeName = schema.getMutationType()?.name;

  const check = (rule: AuthRule, context: TContext, subject: unknown, args: object) =>
    refusal(rule, policies, context.viewer, subject, {
      args: args as Record<string, unknown>,
      context,
    });

  /** An object as the caller may see it: itself, null when hidden, or an error. */
  const screen = (value: unknown, type: GraphQLOutputType, context: TContext): unknown => {
    if (value == null) return value;
    const nonNull = isNonNullType(type);
    const inner = nonNull ? type.ofType : type;
    if (isListType(inner)) {
      return Array.isArray(value)
        ? value.map((item) => screen(item, inner.ofType as GraphQLOutputType, context))
        : value;
    }
    const rule = isObjectType(inner) ? typeRules.get(inner.name) : undefined;
    if (!rule) return value;
    const refused = check(rule, context, value, {});
    if (!refused) return value;
    // A non-null position cannot hide the object: refuse out loud rather than fail
    // GraphQL's null check.
    if (rule.hidden && !nonNull) return null;
    throw refused;
  };

  const guardField = (
    field: GraphQLFieldConfig<unknown, TContext>,
    fieldName: string,
    typeName: string,
  ): GraphQLFieldConfig<unknown, TContext> => {
    const where = `${typeName}.${fieldName}`;
    const fieldRule = authRuleOf(schema, field, where, anyPolicies);
    const named = getNamedType(field.type);
    const screensResult = isObjectType(named) && typeRules.has(named.name);
    if (!fieldRule && !screensResult) return field;
    if (fieldRule?.hidden && isNonNullType(field.type)) {
      throw new Error(`@auth on ${where}: hidden needs a nullable field, to answer null`);
    }
    const audited = typeName === mutationTypeName && fieldRule?.requires === 'ADMIN';
    const resolve: GraphQLFieldResolver<unknown, TContext> = field.resolve ?? defaultFieldResolver;
    return {
      ...field,
      resolve: async (parent, args, context, info) => {
        const record = (outcome: AuditOutcome, value?: unknown, error?: unknown) => {
          if (audited) auditAction(context, fieldName, args, value, outcome, error);
        };
        if (fieldRule) {
          const refused = check(fieldRule, context, parent, args);
          if (refused) {
            record('refused', undefined, refused);
            if (fieldRule.hidden) return null;
            throw refused;
          }
        }
        try {
          const value = await resolve(parent, args, context, info);
          const screened = screensResult ? screen(value, field.type, context) : value;
          record('succeeded', screened);
          return screened;
        } catch (error) {
          record('failed', undefined, error);
          throw error;
        }
      },
    };
  };

  const guardReference = (type: GraphQLObjectType): GraphQLObjectType => {
    const rule = typeRules.get(type.name);
    if (!rule) return type;
    const config = type.toConfig();
    const extensions = config.extensions as SubgraphTypeExtensions;
    const resolveReference: ResolveReference =
      extensions.apollo?.subgraph?.resolveReference ?? ((reference) => reference);
    // The role is checked before the lookup, the policy on what it found: a refused
    // caller costs the same reads as an unknown id, and answers the same null.
    const requiresOnly: AuthRule = { ...rule, policy: undefined };
    const guarded: ResolveReference = async (reference, context, info) => {
      const refused = check(requiresOnly, context as TContext, reference, {});
      if (refused) {
        if (rule.hidden) return null;
        throw refused;
      }
      const value = await resolveReference(reference, context, info);
      return screen(value, type, context as TContext);
    };
    return new GraphQLObjectType({
      ...config,
      extensions: {
        ...config.extensions,
        apollo: {
          ...extensions.apollo,
          subgraph: { ...extensions.apollo?.subgraph, resolveReference: guarded },
        },
      },
    });
  };

  const authorized = mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: guardReference,
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) =>
      guardField(field as GraphQLFieldConfig<unknown, TContext>, fieldName, typeName),
  });

  return {
    schema: authorized,
    visibilityFor: (context) => (typeName) => {
      if (!schema.getType(typeName)) throw new Error(`No type ${typeName} in the schema`);
      const rule = typeRules.get(typeName);
      return (value) => !rule || check(rule, context, value, {}) === null;
    },
  };
}

/** The audit line of an admin-only mutation: never its arguments, only the target's id. */
function auditAction(
  context: BaseSubgraphContext,
  action: string,
  args: Record<string, unknown>,
  value: unknown,
  outcome: AuditOutcome,
  error: unknown,
): void {
  const resultId = (value as { id?: unknown } | null | undefined)?.id;
  const targetId =
    typeof args.id === 'string' ? args.id : typeof resultId === 'string' ? resultId : null;
  audit(context.logger, {
    action,
    actor: context.viewer,
    targetId,
    outcome,
    requestId: context.requestId,
    code:
      outcome === 'succeeded'
        ? undefined
        : error instanceof AppError
          ? error.code
          : ErrorCode.INTERNAL_SERVER_ERROR,
  });
}
