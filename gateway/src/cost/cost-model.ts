import type { Logger } from '@fedshop/logger';
import type { SchemaHolder } from '../supergraph/schema-holder.js';
import { costWeightsFromSdl, noCostWeights, type CostWeights } from './cost-weights.js';

export interface CostModel {
  /** The weights of the supergraph served now. */
  weights(): CostWeights;
}

/** The `@cost` / `@listSize` weights, rebuilt on every supergraph load and reload. */
export function createCostModel(schemas: SchemaHolder, logger: Logger): CostModel {
  let weights = noCostWeights;
  schemas.onChange(({ supergraphSdl }) => {
    try {
      weights = costWeightsFromSdl(supergraphSdl);
    } catch (error) {
      // The gateway validated this supergraph; an unreadable weight costs the defaults.
      logger.warn({ err: error }, 'could not read @cost weights from the supergraph');
      weights = noCostWeights;
    }
  });
  return { weights: () => weights };
}
