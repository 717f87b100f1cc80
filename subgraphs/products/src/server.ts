import type { Logger } from '@fedshop/logger';
import type { ReadinessCheck } from '@fedshop/service-kit';
import {
  createEntityLoader,
  createSubgraphApp,
  loadTypeDefs,
  type SubgraphApp,
} from '@fedshop/subgraph-kit';
import type { ProductsContext } from './context.js';
import type { ProductRepository } from './products/product-repository.js';
import { createProductService } from './products/product-service.js';
import { resolvers } from './resolvers.js';

export const serviceName = 'products';

export interface ProductsAppOptions {
  repository: ProductRepository;
  logger: Logger;
  /** Production hides the landing page and masks unexpected errors. */
  production: boolean;
  /** What `/readyz` waits for: the database. */
  readiness?: readonly ReadinessCheck[];
}

/** Builds the products subgraph app; listens on nothing (see `start.ts`). */
export function createProductsApp({
  repository,
  logger,
  production,
  readiness = [],
}: ProductsAppOptions): Promise<SubgraphApp<ProductsContext>> {
  const products = createProductService(repository);
  return createSubgraphApp<ProductsContext>({
    service: serviceName,
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    logger,
    production,
    readiness,
    buildContext: (base) => ({
      ...base,
      products,
      loaders: {
        productById: createEntityLoader(
          (ids) => repository.findByIds(ids),
          (product) => product.id,
        ),
      },
    }),
  });
}
