import { badUserInput } from '@fedshop/errors';
import { canonicalId } from '@fedshop/subgraph-kit';
import type { NewOrder } from './order-record.js';

/** Most lines one order may have. */
export const maxOrderItems = 50;
/** Most units of one product one order may ask for. */
export const maxItemQuantity = 1000;

export interface OrderItemRequest {
  productId: string;
  quantity: number;
}

/**
 * Validates the requested lines and normalises them: product ids in lower case, and
 * lines naming the same product merged into one with the quantities added (a client
 * that adds a product twice means "more of it", and one line per product keeps stock
 * reservation and pricing simple). Throws BAD_USER_INPUT naming the first bad field.
 */
export function normaliseOrderItems(items: readonly OrderItemRequest[]): NewOrder['items'] {
  if (items.length === 0) throw badUserInput('items', 'An order needs at least one item');
  if (items.length > maxOrderItems) {
    throw badUserInput('items', `An order can have at most ${maxOrderItems} items`);
  }
  const merged = new Map<string, { productId: string; quantity: number }>();
  items.forEach((item, index) => {
    if (!isAllowedQuantity(item.quantity)) {
      throw badUserInput(
        `items.${index}.quantity`,
        `quantity must be a whole number from 1 to ${maxItemQuantity}`,
      );
    }
    const productId = canonicalId(item.productId);
    if (productId === null) {
      throw badUserInput(`items.${index}.productId`, 'productId is not a valid product id');
    }
    const line = merged.get(productId);
    if (!line) {
      merged.set(productId, { productId, quantity: item.quantity });
      return;
    }
    line.quantity += item.quantity;
    if (line.quantity > maxItemQuantity) {
      throw badUserInput(
        `items.${index}.quantity`,
        `together with the earlier items for product ${productId}, quantity exceeds ${maxItemQuantity}`,
      );
    }
  });
  return [...merged.values()];
}

function isAllowedQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= 1 && quantity <= maxItemQuantity;
}
