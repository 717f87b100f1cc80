import { createEntityLoader, defineSubgraph } from '@fedshop/subgraph-kit';
import type { ProductsConfig } from './config.js';
import { seedDemoProducts } from './products/demo-products.js';
import { createProductRepository, type ProductRepository } from './products/product-repository.js';
import { createProductService } from './products/product-service.js';
import { resolvers } from './resolvers.js';

export interface ProductsRepositories {
  products: ProductRepository;
}

/** The products subgraph: the catalogue and its stock. */
export const productsSubgraph = defineSubgraph({
  name: 'products',
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createRepositories: async (connection): Promise<ProductsRepositories> => ({
    products: await createProductRepository(connection),
  }),
  createServices: ({ products }: ProductsRepositories, _config: ProductsConfig) => ({
    products: createProductService(products),
  }),
  createLoaders: ({ products }: ProductsRepositories) => ({
    productById: createEntityLoader(
      (ids) => products.findByIds(ids),
      (product) => product.id,
    ),
  }),
  seedOnStart: async ({ products }, config, logger) => {
    if (config.seedDemoProducts && (await products.isEmpty())) {
      await seedDemoProducts(products, { logger });
    }
  },
});
