import { AppError } from '@fedshop/errors';
import { describe, expect, it } from 'vitest';
import { validateNewProduct, validateRestockQuantity } from '../src/products/product-input.js';
import { buildProduct } from './build-product.js';

const fieldOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.details } : error;
  }
  return 'no error';
};

describe('validateNewProduct', () => {
  it('when fields have surrounding spaces, then they are trimmed', () => {
    const product = validateNewProduct(
      buildProduct({ sku: ' A_b-9 ', name: ' Lamp ', description: ' Warm light ' }),
    );
    expect(product).toMatchObject({ sku: 'A_b-9', name: 'Lamp', description: 'Warm light' });
  });

  it('when the description is missing, then it becomes null', () => {
    const { description: _omitted, ...withoutDescription } = buildProduct();
    expect(validateNewProduct(withoutDescription).description).toBeNull();
  });

  it.each([
    ['priceCents', { priceCents: 10.5 }],
    ['priceCents', { priceCents: Number.NaN }],
    ['stock', { stock: 0.1 }],
    ['stock', { stock: Number.POSITIVE_INFINITY }],
  ])('when %s is not a whole number (%j), then BAD_USER_INPUT names it', (field, overrides) => {
    expect(fieldOf(() => validateNewProduct(buildProduct(overrides)))).toEqual({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('when several fields are bad, then the first one (sku) is reported', () => {
    expect(fieldOf(() => validateNewProduct(buildProduct({ sku: '', name: '' })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'sku',
    });
  });
});

describe('validateRestockQuantity', () => {
  it.each([1, 1_000_000])('when the quantity is %i, then it is accepted', (quantity) => {
    expect(validateRestockQuantity(quantity)).toBe(quantity);
  });

  it.each([0, -1, 1.5, 1_000_001])('when the quantity is %d, then BAD_USER_INPUT', (quantity) => {
    expect(fieldOf(() => validateRestockQuantity(quantity))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'quantity',
    });
  });
});
