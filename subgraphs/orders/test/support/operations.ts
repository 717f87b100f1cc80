import { subgraphRequest } from '@fedshop/testing';
import type { Viewer } from '@fedshop/auth';
import { as } from './viewers.js';

export const orderFields = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    user {
      id
    }
    items {
      product {
        id
      }
      quantity
      unitPriceCents
    }
    status
    totalCents
    rejectionReason
    createdAt
  }
`;

export interface OrderData {
  id: string;
  user: { id: string };
  items: { product: { id: string }; quantity: number; unitPriceCents: number | null }[];
  status: string;
  totalCents: number | null;
  rejectionReason: string | null;
  createdAt: string;
}

const placeOrderMutation = /* GraphQL */ `
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...OrderFields
    }
  }
  ${orderFields}
`;

const orderQuery = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
  ${orderFields}
`;

const cancelOrderMutation = /* GraphQL */ `
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...OrderFields
    }
  }
  ${orderFields}
`;

/** Typed calls to the orders subgraph as a given viewer (null: anonymous). */
export function ordersClient(graphqlUrl: string) {
  return {
    placeOrder: (viewer: Viewer | null, input: unknown) =>
      subgraphRequest<{ placeOrder: OrderData }>('orders', graphqlUrl, placeOrderMutation, {
        variables: { input },
        headers: as(viewer),
      }),
    order: (viewer: Viewer | null, id: string) =>
      subgraphRequest<{ order: OrderData | null }>('orders', graphqlUrl, orderQuery, {
        variables: { id },
        headers: as(viewer),
      }),
    cancelOrder: (viewer: Viewer | null, id: string) =>
      subgraphRequest<{ cancelOrder: OrderData }>('orders', graphqlUrl, cancelOrderMutation, {
        variables: { id },
        headers: as(viewer),
      }),
  };
}
