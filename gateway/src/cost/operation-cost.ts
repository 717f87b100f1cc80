import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CostWeights } from './cost-weights.js';

export interface OperationCostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Coerced variable values, defaults applied. */
  variables: Readonly<Record<string, unknown>>;
  weights: CostWeights;
  /** The size assumed for a list nothing sizes. */
  defaultListSize: number;
}

/** How the lists directly under a field are sized (`first` on a connection field). */
interface Sizing {
  size: number;
  /** Only these child fields; undefined = every list child. */
  fields?: readonly string[];
}

/**
 * The cost of an operation before it runs, in the model of Federation's demand control: an
 * object (or interface, union) costs 1 unless `@cost` says otherwise, a scalar or enum 0; a
 * list multiplies its items' cost by its size — a slicing argument (`@listSize`, else `first`
 * or `last`), `@listSize(assumedSize:)`, the `first` of the connection field above it, else
 * `defaultListSize`; nested lists multiply through. Fields merge by response key as in
 * execution (each alias counts), `@skip`/`@include` are applied, and a selection on an
 * abstract type costs the most any of its possible types would. Introspection fields cost 0.
 */
export function operationCost(input: OperationCostInput): number {
  const root = rootTypeOf(input.schema, input.operation);
  if (!root) return 0;
  return selectionCost(input, input.operation.selectionSet, root, undefined);
}

function rootTypeOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLObjectType | undefined {
  if (operation.operation === 'mutation') return schema.getMutationType() ?? undefined;
  if (operation.operation === 'subscription') return schema.getSubscriptionType() ?? undefined;
  return schema.getQueryType() ?? undefined;
}

function selectionCost(
  input: OperationCostInput,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  sizing: Sizing | undefined,
): number {
  if (isAbstractType(type)) {
    const costs = input.schema
      .getPossibleTypes(type)
      .map((possible) => objectCost(input, [selectionSet], possible, sizing));
    return Math.max(0, ...costs);
  }
  return objectCost(input, [selectionSet], type, sizing);
}

function objectCost(
  input: OperationCostInput,
  selectionSets: readonly SelectionSetNode[],
  type: GraphQLObjectType,
  sizing: Sizing | undefined,
): number {
  const fields = new Map<string, FieldNode[]>();
  for (const selectionSet of selectionSets)
    collectFields(input, selectionSet, type, fields, new Set());
  let total = 0;
  for (const nodes of fields.values()) {
    const [node] = nodes;
    if (!node || node.name.value.startsWith('__')) continue;
    const field = type.getFields()[node.name.value];
    if (!field) continue;
    total += fieldCost(input, type, field, nodes, sizing);
  }
  return total;
}

function fieldCost(
  input: OperationCostInput,
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  sizing: Sizing | undefined,
): number {
  const key = `${parent.name}.${field.name}`;
  const args = argumentsOf(field, nodes[0]!, input.variables);
  const named = getNamedType(field.type);
  const weight =
    input.weights.fields.get(key) ??
    input.weights.types.get(named.name) ??
    (isCompositeType(named) ? 1 : 0);
  const listSpec = input.weights.listSizes.get(key);
  const slicing = slicingSize(args, listSpec?.slicingArguments);
  const depth = listDepth(field.type);

  let multiplier = 1;
  if (depth > 0) {
    const sizedByParent =
      sizing && (sizing.fields === undefined || sizing.fields.includes(field.name))
        ? sizing.size
        : undefined;
    const size = slicing ?? listSpec?.assumedSize ?? sizedByParent ?? input.defaultListSize;
    multiplier = size * input.defaultListSize ** (depth - 1);
  }

  let childCost = 0;
  if (isCompositeType(named)) {
    // A non-list field with a slicing argument is a connection: it sizes the lists below it.
    const childSizing =
      depth === 0 && slicing !== undefined
        ? { size: slicing, ...(listSpec?.sizedFields ? { fields: listSpec.sizedFields } : {}) }
        : undefined;
    const subSelections = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    childCost = isAbstractType(named)
      ? Math.max(
          0,
          ...input.schema
            .getPossibleTypes(named)
            .map((possible) => objectCost(input, subSelections, possible, childSizing)),
        )
      : isObjectType(named)
        ? objectCost(input, subSelections, named, childSizing)
        : 0;
  }
  return multiplier * (weight + childCost);
}

const defaultSlicingArguments = ['first', 'last'];

function slicingSize(
  args: Readonly<Record<string, unknown>>,
  names: readonly string[] = defaultSlicingArguments,
): number | undefined {
  const sizes = names.map((name) => args[name]).filter((value) => typeof value === 'number');
  return sizes.length > 0 ? Math.max(...(sizes as number[])) : undefined;
}

function listDepth(type: GraphQLType): number {
  let depth = 0;
  let current = getNullableType(type);
  while (isListType(current)) {
    depth += 1;
    current = getNullableType(current.ofType);
  }
  return depth;
}

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // A bad argument is reported by execution; it sizes nothing here.
    return {};
  }
}

/** graphql-js's field collection: by response key, through fragments, honouring skip/include. */
function collectFields(
  input: OperationCostInput,
  selectionSet: SelectionSetNode,
  type: GraphQLObjectType,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(input, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      fields.set(key, [...(fields.get(key) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (appliesTo(input, selection.typeCondition?.name.value, type)) {
        collectFields(input, selection.selectionSet, type, fields, visited);
      }
    } else {
      const name = selection.name.value;
      const fragment = input.fragments.get(name);
      if (!fragment || visited.has(name)) continue;
      visited.add(name);
      if (appliesTo(input, fragment.typeCondition.name.value, type)) {
        collectFields(input, fragment.selectionSet, type, fields, visited);
      }
    }
  }
}

function included(
  input: OperationCostInput,
  node: Parameters<typeof getDirectiveValues>[1],
): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, input.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, input.variables)?.if !== false;
  } catch {
    return true;
  }
}

function appliesTo(
  input: OperationCostInput,
  condition: string | undefined,
  type: GraphQLObjectType,
): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = input.schema.getType(condition);
  return (
    conditionType !== undefined &&
    isAbstractType(conditionType) &&
    input.schema.isSubType(conditionType, type)
  );
}
