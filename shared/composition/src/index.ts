export {
  composeSupergraph,
  type SubgraphSource,
  type SupergraphComposition,
} from './compose-supergraph.js';
