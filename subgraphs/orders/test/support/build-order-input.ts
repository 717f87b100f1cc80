import { newId } from './viewers.js';

export interface OrderItemInputData {
  productId: string;
  quantity: number;
}

export function buildOrderItem(overrides: Partial<OrderItemInputData> = {}): OrderItemInputData {
  return { productId: newId(), quantity: 1, ...overrides };
}

export function buildPlaceOrderInput(overrides: Partial<{ items: OrderItemInputData[] }> = {}): {
  items: OrderItemInputData[];
} {
  return { items: [buildOrderItem({ quantity: 2 }), buildOrderItem()], ...overrides };
}
