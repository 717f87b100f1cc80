import { randomUUID } from 'node:crypto';
import type { CreateProductFields } from '../src/products/product-input.js';

/** A valid product input with a unique sku; override any field. */
export function buildProduct(overrides: Partial<CreateProductFields> = {}): CreateProductFields {
  const unique = randomUUID().slice(0, 8);
  return {
    sku: `SKU-${unique}`,
    name: `Test product ${unique}`,
    description: 'A product made for a test',
    priceCents: 1999,
    stock: 10,
    ...overrides,
  };
}
