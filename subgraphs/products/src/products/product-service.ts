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

/** Finds products by id; the per-request DataLoader, so lookups of one request are batched. */
export interface ProductLookup {
  load(id: string): Promise<ProductRecord | null>;
}

export interface ProductPageRequest {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/**
 * The catalogue's use cases; resolvers only translate GraphQL arguments into these calls.
 * Who may call them is the schema's `@auth` rule (admins, for changes), checked first.
 */
export interface ProductService {
  /**
   * The product with this id (any letter case, as `restockProduct` accepts); null when it
   * is unknown or the id is malformed.
   */
  findProduct(id: string, products: ProductLookup): Promise<ProductRecord | null>;
  listProducts(request: ProductPageRequest): Promise<Page<ProductRecord>>;
  createProduct(input: CreateProductFields): Promise<ProductRecord>;
  restockProduct(id: string, quantity: number): Promise<ProductRecord>;
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

    async createProduct(input) {
      return repository.create(validateNewProduct(input));
    },

    async restockProduct(id, quantity) {
      validateRestockQuantity(quantity);
      const restocked = await repository.incrementStock(id, quantity);
      if (restocked) return restocked;
      const existing = await repository.findById(id);
      if (!existing) throw notFound('Product', id);
      throw badUserInput('quantity', `stock cannot exceed ${maxStock}`);
    },
  };
}
