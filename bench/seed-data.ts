// The fixed data set of the gateway suite. Ids and timestamps are derived from each
// document's index, so every seeded system answers byte for byte like the one the
// recordings were captured from. This file is the one place that knows how the
// subgraphs store their documents (collection and field names).
import { ObjectId } from 'mongodb';

export interface SeedSize {
  users: number;
  products: number;
  orders: number;
  /** Units in stock of every product; unset: 1000 + its index. */
  stock?: number;
}

export const defaultSeedSize: SeedSize = { users: 200, products: 500, orders: 5_000 };

const epoch = Date.UTC(2026, 0, 1);
const at = (minutes: number) => new Date(epoch + minutes * 60_000);

/** 24 hex digits: a two-digit kind, then the index. */
const objectId = (kind: string, index: number) =>
  new ObjectId(`${kind}${index.toString(16).padStart(22, '0')}`);

export const userId = (index: number) => objectId('a0', index).toHexString();
export const productId = (index: number) => objectId('b0', index).toHexString();
export const orderId = (index: number) => objectId('c0', index).toHexString();

/** The first user is the admin every benchmark request runs as. */
export const adminUserIndex = 0;

export function userDocuments(size: SeedSize) {
  return Array.from({ length: size.users }, (_, i) => ({
    _id: objectId('a0', i),
    email: `user${i}@bench.fedshop.local`,
    name: `Bench User ${i}`,
    // Nobody logs in: the benchmark mints its own token, so no argon2 hash is needed.
    passwordHash: 'not-a-password-hash',
    role: i === adminUserIndex ? 'ADMIN' : 'CUSTOMER',
    createdAt: at(i),
    updatedAt: at(i),
  }));
}

export const productPriceCents = (i: number) => 100 + ((i * 37) % 10_000);

export function productDocuments(size: SeedSize) {
  return Array.from({ length: size.products }, (_, i) => ({
    _id: objectId('b0', i),
    sku: `BENCH-${String(i).padStart(5, '0')}`,
    name: `Bench product ${i}`,
    description: i % 3 === 0 ? null : `A product made for benchmarks, number ${i}.`,
    priceCents: productPriceCents(i),
    stock: size.stock ?? 1_000 + i,
    createdAt: at(i),
    updatedAt: at(i),
  }));
}

/** Order `j` belongs to user `j % users`, so each user has the same number of orders. */
export function orderDocuments(size: SeedSize) {
  return Array.from({ length: size.orders }, (_, j) => {
    const count = 1 + ((j * 7) % 5);
    // Steps of 101 over 500 products never repeat within five items.
    const items = Array.from({ length: count }, (_, t) => {
      const product = (j * 13 + t * 101) % size.products;
      return {
        productId: productId(product),
        quantity: 1 + ((j + t) % 3),
        unitPriceCents: productPriceCents(product),
      };
    });
    return {
      _id: objectId('c0', j),
      userId: userId(j % size.users),
      items,
      status: 'CONFIRMED',
      totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
      rejectionReason: null,
      createdAt: at(10_000 + j),
      updatedAt: at(10_000 + j),
    };
  });
}

/** Database, collection and documents of each subgraph's store. */
export function seedCollections(size: SeedSize) {
  return [
    { database: 'users', collection: 'users', documents: userDocuments(size) },
    { database: 'products', collection: 'products', documents: productDocuments(size) },
    { database: 'orders', collection: 'orders', documents: orderDocuments(size) },
  ];
}
