import type { Resolvers } from './generated/resolvers-types.js';

/**
 * Thin: arguments in, use case out. Validation and errors live in the product service,
 * access rules in the schema's `@auth`.
 */
export const resolvers: Resolvers = {
  Query: {
    product: (_parent, { id }, { products, loaders }) =>
      products.findProduct(id, loaders.productById),
    products: (_parent, { first, after }, { products }) => products.listProducts({ first, after }),
  },
  Mutation: {
    createProduct: (_parent, { input }, { products }) => products.createProduct(input),
    restockProduct: (_parent, { id, quantity }, { products }) =>
      products.restockProduct(id, quantity),
  },
  Product: {
    __resolveReference: (reference, { products, loaders }) =>
      products.findProduct(reference.id, loaders.productById),
  },
};
