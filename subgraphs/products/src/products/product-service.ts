import { requireRole, type Viewer } from '@fedshop/auth';
import { badUserInput, notFound } from '@fedshop/errors';
import {
  canonicalId,
  decodeCursor,
  pageSize,
  parseObjectId,
  toPage,
  type Page,
} from '@fedshop/subgraph-kit';
import {
  validateNewProduct,
  validateRestockQuantity,
  type CreateProductFields,
} from './product-input.js';
import type { ProductRecord } from './product-record.js';
import { maxStock, type ProductRepository } from './product-repository.js';

const adminOnly = 'Only admins can change the catalogue';

/** Finds products by id; the per-request DataLoader, so lookups of one request are batched. */
export interface ProductLookup {
  load(id: string): Promise<ProductRecord | null>;
}

export interface ProductPageRequest {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** The catalogue's use cases; resolvers only translate GraphQL arguments into these calls. */
export interface ProductService {
  /**
   * The product with this id (any letter case, as `restockProduct` accepts); null when it
   * is unknown or the id is malformed.
   */
  findProduct(id: string, products: ProductLookup): Promise<ProductRecord | null>;
  listProducts(request: ProductPageRequest): Promise<Page<ProductRecord>>;
  createProduct(viewer: Viewer | null, input: CreateProductFields): Promise<ProductRecord>;
  restockProduct(viewer: Viewer | null, id: string, quantity: number): Promise<ProductRecord>;
}

export function createProductService(repository: ProductRepository): ProductService {
  return {
    async findProduct(id, products) {
      // The id of an entity representation is untyped client JSON (`_Any`).
      if (typeof id !== 'string') throw badUserInput('id', 'A product id must be a string');
      // The loader matches ids as the repository returns them: lower-case hex.
      const productId = canonicalId(id);
      return productId ? products.load(productId) : null;
    },

    async listProducts({ first, after }) {
      const size = pageSize(first);
      const afterId = after == null ? null : parseObjectId(decodeCursor(after, 'after'));
      if (after != null && !afterId) {
        throw badUserInput('after', 'after is not a cursor returned by this API');
      }
      // One extra product tells whether a next page exists.
      const products = await repository.listAfter(afterId, size + 1);
      return toPage(products, size, (product) => product.id);
    },

    async createProduct(viewer, input) {
      requireRole(viewer, 'ADMIN', adminOnly);
      return repository.create(validateNewProduct(input));
    },

    async restockProduct(viewer, id, quantity) {
      requireRole(viewer, 'ADMIN', adminOnly);
      validateRestockQuantity(quantity);
      const restocked = await repository.incrementStock(id, quantity);
      if (restocked) return restocked;
      const existing = await repository.findById(id);
      if (!existing) throw notFound('Product', id);
      throw badUserInput('quantity', `stock cannot exceed ${maxStock}`);
    },
  };
}
