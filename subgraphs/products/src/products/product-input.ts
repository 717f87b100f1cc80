import { badUserInput } from '@fedshop/errors';
import type { NewProduct } from './product-record.js';

export const skuMaxLength = 64;
export const nameMaxLength = 200;
export const descriptionMaxLength = 2000;
/** One restock larger than this is almost certainly a typo. */
export const maxRestockQuantity = 1_000_000;

const skuPattern = /^[A-Za-z0-9_-]+$/;

export interface CreateProductFields {
  sku: string;
  name: string;
  description?: string | null | undefined;
  priceCents: number;
  stock: number;
}

/** Trims and checks a new product; the first bad field is reported by name. */
export function validateNewProduct(input: CreateProductFields): NewProduct {
  const sku = input.sku.trim();
  if (sku.length === 0 || sku.length > skuMaxLength || !skuPattern.test(sku)) {
    throw badUserInput(
      'sku',
      `sku must be 1 to ${skuMaxLength} letters, digits, hyphens or underscores`,
    );
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > nameMaxLength) {
    throw badUserInput('name', `name must be 1 to ${nameMaxLength} characters`);
  }
  const description = input.description?.trim() || null;
  if (description !== null && description.length > descriptionMaxLength) {
    throw badUserInput(
      'description',
      `description must be at most ${descriptionMaxLength} characters`,
    );
  }
  requireWholeNumber('priceCents', input.priceCents);
  requireWholeNumber('stock', input.stock);
  return { sku, name, description, priceCents: input.priceCents, stock: input.stock };
}

export function validateRestockQuantity(quantity: number): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > maxRestockQuantity) {
    throw badUserInput(
      'quantity',
      `quantity must be a whole number from 1 to ${maxRestockQuantity.toLocaleString('en-US')}`,
    );
  }
  return quantity;
}

function requireWholeNumber(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw badUserInput(field, `${field} must be a whole number of 0 or more`);
  }
}
