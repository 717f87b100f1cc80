import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';

/** One subgraph as composition sees it: its name, where the gateway reaches it, its SDL. */
export interface SubgraphSource {
  name: string;
  url: string;
  typeDefs: string;
}

export type SupergraphComposition =
  { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/**
 * Composes subgraph SDLs into a supergraph with `@apollo/composition` (the same rules as
 * `rover supergraph compose`). Syntax and composition errors come back as messages, each
 * naming what failed, instead of throwing.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): SupergraphComposition {
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const errors: string[] = [];
  for (const { name, url, typeDefs } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(typeDefs) });
    } catch (error) {
      errors.push(`[${name}] ${(error as Error).message}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => error.toString()) };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => hint.toString()),
  };
}
