/** A product as the repository returns it: a plain object, `_id` mapped to an `id` string. */
export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  stock: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a new product is created with (validated and normalised). */
export interface NewProduct {
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  stock: number;
}
