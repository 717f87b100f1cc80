import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const benchDir = fileURLToPath(new URL('.', import.meta.url));
/** Every suite's results, one folder (git-ignored). */
export const defaultResultsDir = fileURLToPath(new URL('./results', import.meta.url));
export const gatewayRecordingPath = fileURLToPath(
  new URL('./recordings/gateway-subgraphs.json.gz', import.meta.url),
);
export const supergraphPath = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
