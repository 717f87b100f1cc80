/**
 * Entities owned by other subgraphs, as this subgraph knows them: by key only. The
 * gateway resolves their other fields in the owning subgraph.
 */
export interface UserReference {
  id: string;
}

export interface ProductReference {
  id: string;
}

export const userReference = (id: string) => ({ __typename: 'User' as const, id });

export const productReference = (id: string) => ({ __typename: 'Product' as const, id });
