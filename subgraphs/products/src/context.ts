import type DataLoader from 'dataloader';
import type { SubgraphContext } from '@fedshop/subgraph-kit';
import type { ProductRecord } from './products/product-record.js';
import type { ProductService } from './products/product-service.js';
import type { StockService } from './stock/stock-service.js';

/** The products subgraph's GraphQL context: one per request (built by the subgraph kit). */
export type ProductsContext = SubgraphContext<
  { products: ProductService; stock: StockService },
  { productById: DataLoader<string, ProductRecord | null> }
>;
