import mongoose, { type Connection } from 'mongoose';
import { createProductModel, type ProductModel } from '../src/products/product-model.js';
import {
  createProductRepository,
  type ProductRepository,
} from '../src/products/product-repository.js';

export interface ProductStore {
  connection: Connection;
  model: ProductModel;
  repository: ProductRepository;
  close(): Promise<void>;
}

/** Direct access to a products database, for arranging data and checking what was stored. */
export async function openProductStore(uri: string): Promise<ProductStore> {
  const connection = await mongoose.createConnection(uri).asPromise();
  const repository = await createProductRepository(connection);
  return {
    connection,
    // The repository compiled it already; this returns the same model.
    model: createProductModel(connection),
    repository,
    close: () => connection.close(),
  };
}
