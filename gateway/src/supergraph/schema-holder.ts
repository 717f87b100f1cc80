import type { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';

/** The supergraph the gateway serves now: its API schema and its full SDL (with `@cost`). */
export interface LoadedSchemas {
  apiSchema: GraphQLSchema;
  supergraphSdl: string;
}

export interface SchemaHolder {
  /** Undefined until the first supergraph has loaded. */
  current(): LoadedSchemas | undefined;
  /** Called with every load and reload. */
  onChange(listener: (schemas: LoadedSchemas) => void): void;
}

/** Follows the gateway's supergraph loads and hot reloads. */
export function holdSchemas(gateway: ApolloGateway): SchemaHolder {
  let current: LoadedSchemas | undefined;
  const listeners: ((schemas: LoadedSchemas) => void)[] = [];
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    current = { apiSchema, supergraphSdl: coreSupergraphSdl };
    for (const listener of listeners) listener(current);
  });
  return {
    current: () => current,
    onChange: (listener) => {
      listeners.push(listener);
      if (current) listener(current);
    },
  };
}
