import type { Logger } from '@fedshop/logger';
import type { NewProduct } from './product-record.js';
import type { ProductRepository } from './product-repository.js';

/** A small, plausible catalogue so a fresh system has something to browse and order. */
export const demoProducts: readonly NewProduct[] = [
  {
    sku: 'MUG-CERAMIC-350',
    name: 'Ceramic mug, 350 ml',
    description: 'Stoneware mug with a matte glaze; dishwasher and microwave safe.',
    priceCents: 1200,
    stock: 120,
  },
  {
    sku: 'TEE-ORGANIC-M',
    name: 'Organic cotton T-shirt (M)',
    description: 'Heavyweight 100% organic cotton, pre-shrunk.',
    priceCents: 2500,
    stock: 80,
  },
  {
    sku: 'BOTTLE-STEEL-750',
    name: 'Insulated steel bottle, 750 ml',
    description: 'Keeps drinks cold for 24 hours or hot for 12.',
    priceCents: 2900,
    stock: 60,
  },
  {
    sku: 'NOTEBOOK-A5-DOT',
    name: 'A5 dotted notebook',
    description: '192 numbered pages of 100 g/m² paper, lay-flat binding.',
    priceCents: 1650,
    stock: 150,
  },
  {
    sku: 'KEYBOARD-TKL-BRN',
    name: 'Tenkeyless mechanical keyboard',
    description: 'Hot-swappable brown switches, USB-C, PBT keycaps.',
    priceCents: 8900,
    stock: 25,
  },
  {
    sku: 'HEADPHONES-ANC',
    name: 'Noise-cancelling headphones',
    description: 'Over-ear, 30-hour battery, foldable with a hard case.',
    priceCents: 19900,
    stock: 15,
  },
  {
    sku: 'BACKPACK-20L',
    name: 'Everyday backpack, 20 L',
    description: 'Water-resistant recycled nylon with a padded 15-inch laptop sleeve.',
    priceCents: 6400,
    stock: 40,
  },
  {
    sku: 'COFFEE-BEANS-1KG',
    name: 'Espresso beans, 1 kg',
    description: null,
    priceCents: 3200,
    stock: 0,
  },
];

export interface SeedDemoProductsOptions {
  logger: Logger;
  /** @defaultValue `demoProducts` */
  products?: readonly NewProduct[];
}

/**
 * Inserts the demo products whose skus are missing. Safe to run again and again: an
 * existing product (its stock above all) is never overwritten.
 */
export async function seedDemoProducts(
  repository: ProductRepository,
  { logger, products = demoProducts }: SeedDemoProductsOptions,
): Promise<{ inserted: number }> {
  const inserted = await repository.insertMissingSkus(products);
  logger.info({ inserted, total: products.length }, 'demo products seeded');
  return { inserted };
}
