import type DataLoader from 'dataloader';
import type { BaseSubgraphContext } from '@fedshop/subgraph-kit';
import type { ProductRecord } from './products/product-record.js';
import type { ProductService } from './products/product-service.js';

/** The products subgraph's GraphQL context: built fresh for every request. */
export interface ProductsContext extends BaseSubgraphContext {
  products: ProductService;
  /** Per request, so batching never crosses requests nor callers. */
  loaders: { productById: DataLoader<string, ProductRecord | null> };
}
