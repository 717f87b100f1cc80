import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The largest number of root fields any mutation of `document` selects, through inline
 * fragments and fragment spreads: each root field of a mutation runs in turn (ten `signUp`s
 * are ten password hashes), so their number is limited on its own.
 */
export function countMutationRootFields(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  let most = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'mutation') {
      continue;
    }
    most = Math.max(most, countFields(definition.selectionSet, fragments, new Set()));
  }
  return most;
}

function countFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, fragments, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A cycle or an unknown fragment is the validator's to report.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      count += countFields(fragment.selectionSet, fragments, visiting);
      visiting.delete(name);
    }
  }
  return count;
}
