import { Kind, parse, valueFromASTUntyped, type DirectiveNode } from 'graphql';

/** `@listSize` on one field (Federation's demand-control spec). */
export interface ListSizeSpec {
  assumedSize?: number;
  slicingArguments?: readonly string[];
  sizedFields?: readonly string[];
}

/** The per-field and per-type weights a supergraph declares; empty when it declares none. */
export interface CostWeights {
  /** By `Type.field`. */
  fields: ReadonlyMap<string, number>;
  /** By type name (objects, scalars, enums). */
  types: ReadonlyMap<string, number>;
  /** By `Type.field`. */
  listSizes: ReadonlyMap<string, ListSizeSpec>;
}

export const noCostWeights: CostWeights = {
  fields: new Map(),
  types: new Map(),
  listSizes: new Map(),
};

// The names a supergraph gives the cost spec's directives (imported, or prefixed).
const costNames = new Set(['cost', 'cost__cost', 'federation__cost']);
const listSizeNames = new Set(['listSize', 'cost__listSize', 'federation__listSize']);

/**
 * Reads `@cost(weight:)` and `@listSize(...)` from a supergraph's SDL (composition copies them
 * from the subgraphs that use Federation's cost spec). Rebuilt on every supergraph load.
 */
export function costWeightsFromSdl(sdl: string): CostWeights {
  const fields = new Map<string, number>();
  const types = new Map<string, number>();
  const listSizes = new Map<string, ListSizeSpec>();
  for (const definition of parse(sdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) types.set(typeName, typeWeight);
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const key = `${typeName}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) fields.set(key, weight);
      const listSize = listSizeOf(field.directives);
      if (listSize) listSizes.set(key, listSize);
    }
  }
  return { fields, types, listSizes };
}

function argumentsOf(directive: DirectiveNode): Record<string, unknown> {
  return Object.fromEntries(
    (directive.arguments ?? []).map((argument) => [
      argument.name.value,
      valueFromASTUntyped(argument.value),
    ]),
  );
}

function weightOf(directives: readonly DirectiveNode[] | undefined): number | undefined {
  const directive = directives?.find(({ name }) => costNames.has(name.value));
  if (!directive) return undefined;
  const weight = Number(argumentsOf(directive).weight);
  return Number.isFinite(weight) ? weight : undefined;
}

function listSizeOf(directives: readonly DirectiveNode[] | undefined): ListSizeSpec | undefined {
  const directive = directives?.find(({ name }) => listSizeNames.has(name.value));
  if (!directive) return undefined;
  const { assumedSize, slicingArguments, sizedFields } = argumentsOf(directive);
  return {
    ...(typeof assumedSize === 'number' ? { assumedSize } : {}),
    ...(Array.isArray(slicingArguments) ? { slicingArguments: slicingArguments.map(String) } : {}),
    ...(Array.isArray(sizedFields) ? { sizedFields: sizedFields.map(String) } : {}),
  };
}
