import type { Viewer } from '@fedshop/auth';
import { subgraphRequest } from '@fedshop/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCountingOrders, type CountingOrders } from './support/start-counting-orders.js';
import { as, buildViewer, newId } from './support/viewers.js';

// Who may use each root field and entity of the orders subgraph, as written in the
// schema's `@auth` rules: a literal table, role by field, through HTTP. An order is its
// owner's and the admins'; to anyone else it answers exactly as an unknown id.

type Role = 'anonymous' | 'customer' | 'other customer' | 'admin';
const owner = buildViewer();
const viewers: Record<Role, Viewer | null> = {
  anonymous: null,
  customer: owner,
  'other customer': buildViewer(),
  admin: buildViewer({ role: 'ADMIN' }),
};

const operations = {
  order: `query ($id: ID!) { order(id: $id) { status user { id } } }`,
  placeOrder: `mutation ($productId: ID!) {
    placeOrder(input: { items: [{ productId: $productId, quantity: 1 }] }) { status }
  }`,
  cancelOrder: `mutation ($id: ID!) { cancelOrder(id: $id) { status user { id } } }`,
  orderEntity: `query ($id: ID!) {
    _entities(representations: [{ __typename: "Order", id: $id }]) {
      ... on Order { status user { id } }
    }
  }`,
  userOrders: `query ($userId: ID!) {
    _entities(representations: [{ __typename: "User", id: $userId }]) {
      ... on User { orders { edges { node { status } } } }
    }
  }`,
} as const;
type Field = keyof typeof operations;

type Expected = { data: unknown } | { code: string; path: (string | number)[]; data: unknown };
const theOrder = { status: 'PENDING', user: { id: owner.userId } };
const cancelled = { status: 'CANCELLED', user: { id: owner.userId } };
const ownerOrders = { orders: { edges: [{ node: { status: 'PENDING' } }] } };

const table: { role: Role; field: Field; expected: Expected }[] = [
  {
    role: 'anonymous',
    field: 'order',
    expected: { data: { order: null }, code: 'UNAUTHENTICATED', path: ['order'] },
  },
  { role: 'customer', field: 'order', expected: { data: { order: theOrder } } },
  { role: 'other customer', field: 'order', expected: { data: { order: null } } },
  { role: 'admin', field: 'order', expected: { data: { order: theOrder } } },
  {
    role: 'anonymous',
    field: 'placeOrder',
    expected: { data: null, code: 'UNAUTHENTICATED', path: ['placeOrder'] },
  },
  {
    role: 'customer',
    field: 'placeOrder',
    expected: { data: { placeOrder: { status: 'PENDING' } } },
  },
  {
    role: 'other customer',
    field: 'placeOrder',
    expected: { data: { placeOrder: { status: 'PENDING' } } },
  },
  { role: 'admin', field: 'placeOrder', expected: { data: { placeOrder: { status: 'PENDING' } } } },
  {
    role: 'anonymous',
    field: 'cancelOrder',
    expected: { data: null, code: 'UNAUTHENTICATED', path: ['cancelOrder'] },
  },
  { role: 'customer', field: 'cancelOrder', expected: { data: { cancelOrder: cancelled } } },
  {
    role: 'other customer',
    field: 'cancelOrder',
    expected: { data: null, code: 'NOT_FOUND', path: ['cancelOrder'] },
  },
  { role: 'admin', field: 'cancelOrder', expected: { data: { cancelOrder: cancelled } } },
  { role: 'anonymous', field: 'orderEntity', expected: { data: { _entities: [null] } } },
  { role: 'customer', field: 'orderEntity', expected: { data: { _entities: [theOrder] } } },
  { role: 'other customer', field: 'orderEntity', expected: { data: { _entities: [null] } } },
  { role: 'admin', field: 'orderEntity', expected: { data: { _entities: [theOrder] } } },
  {
    role: 'anonymous',
    field: 'userOrders',
    expected: {
      data: { _entities: [null] },
      code: 'UNAUTHENTICATED',
      path: ['_entities', 0, 'orders'],
    },
  },
  { role: 'customer', field: 'userOrders', expected: { data: { _entities: [ownerOrders] } } },
  {
    role: 'other customer',
    field: 'userOrders',
    expected: { data: { _entities: [null] }, code: 'FORBIDDEN', path: ['_entities', 0, 'orders'] },
  },
  { role: 'admin', field: 'userOrders', expected: { data: { _entities: [ownerOrders] } } },
];

let orders: CountingOrders;
/** The owner's one order, placed afresh before each case. */
let orderId: string;

beforeAll(async () => {
  orders = await startCountingOrders();
});

afterAll(async () => {
  await orders?.stop();
});

const send = (viewer: Viewer | null, field: Field, variables: Record<string, unknown>) =>
  subgraphRequest('orders', orders.graphqlUrl, operations[field], {
    variables,
    headers: as(viewer),
  });

beforeEach(async () => {
  // A fresh owner each time, so `User.orders` lists exactly one order.
  owner.userId = newId();
  theOrder.user.id = owner.userId;
  cancelled.user.id = owner.userId;
  const placed = await subgraphRequest<{ placeOrder: { id: string } }>(
    'orders',
    orders.graphqlUrl,
    `mutation { placeOrder(input: { items: [{ productId: "${newId()}", quantity: 1 }] }) { id } }`,
    { headers: as(owner) },
  );
  orderId = placed.body.data!.placeOrder.id;
});

describe('orders: who may use what', () => {
  it.each(table)(
    'when $role asks for $field, then $expected',
    async ({ role, field, expected }) => {
      const { body } = await send(viewers[role], field, {
        id: orderId,
        userId: owner.userId,
        productId: newId(),
      });

      expect(body.data).toEqual(expected.data);
      if ('code' in expected) {
        expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
          [expected.path, expected.code],
        ]);
      } else {
        expect(body.errors).toBeUndefined();
      }
    },
  );
});

describe("orders: another customer's order answers as an unknown id", () => {
  const stranger = viewers['other customer'];

  it.each(['order', 'cancelOrder', 'orderEntity'] as const)(
    'when another customer asks %s for it, then the body and the reads are those of an unknown id',
    async (field) => {
      const unknownId = newId();
      orders.resetReads();
      const known = await send(stranger, field, { id: orderId });
      const knownReads = orders.reads.map((read) => read.method);
      orders.resetReads();
      const unknown = await send(stranger, field, { id: unknownId });
      const unknownReads = orders.reads.map((read) => read.method);

      expect(JSON.stringify(known.body)).toBe(
        JSON.stringify(unknown.body).replaceAll(unknownId, orderId),
      );
      expect(knownReads).toEqual(['findByIds']);
      expect(unknownReads).toEqual(['findByIds']);
    },
  );

  it('when another customer tried to cancel it, then the owner still finds it PENDING', async () => {
    await send(stranger, 'cancelOrder', { id: orderId });

    const { body } = await send(owner, 'order', { id: orderId });

    expect(body).toEqual({ data: { order: theOrder } });
  });
});
