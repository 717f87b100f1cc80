import { subgraphRequest } from '@fedshop/testing';
import type { Viewer } from '@fedshop/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceOrderInput } from './support/build-order-input.js';
import { ordersClient, type OrderData } from './support/operations.js';
import { startCountingOrders, type CountingOrders } from './support/start-counting-orders.js';
import { as, buildViewer, newId } from './support/viewers.js';

const userOrdersQuery = /* GraphQL */ `
  query UserOrders($representations: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $representations) {
      ... on User {
        id
        orders(first: $first, after: $after) {
          edges {
            cursor
            node {
              id
              user {
                id
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const orderEntitiesQuery = /* GraphQL */ `
  query OrderEntities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order {
        __typename
        id
        status
        user {
          id
        }
      }
    }
  }
`;

interface UserOrdersData {
  _entities: ({
    id: string;
    orders: {
      edges: { cursor: string; node: { id: string; user: { id: string } } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null)[];
}

interface OrderEntitiesData {
  _entities: ({ __typename: string; id: string; status: string; user: { id: string } } | null)[];
}

let orders: CountingOrders;
let client: ReturnType<typeof ordersClient>;
const buyer = buildViewer();
const admin = buildViewer({ role: 'ADMIN' });
/** The buyer's orders, oldest first. */
const placed: OrderData[] = [];

beforeAll(async () => {
  orders = await startCountingOrders();
  client = ordersClient(orders.graphqlUrl);
  for (let index = 0; index < 25; index += 1) {
    const response = await client.placeOrder(buyer, buildPlaceOrderInput());
    placed.push(response.body.data!.placeOrder);
    // Another customer's orders interleave, and must never show up in the buyer's list.
    if (index % 5 === 0) await client.placeOrder(buildViewer(), buildPlaceOrderInput());
  }
});

afterAll(async () => {
  await orders?.stop();
});

const userOrders = (
  viewer: Viewer | null,
  userId: string,
  variables: { first?: number; after?: string | null } = {},
) =>
  subgraphRequest<UserOrdersData>('orders', orders.graphqlUrl, userOrdersQuery, {
    variables: { representations: [{ __typename: 'User', id: userId }], ...variables },
    headers: as(viewer),
  });

const orderEntities = (viewer: Viewer | null, ids: string[]) =>
  subgraphRequest<OrderEntitiesData>('orders', orders.graphqlUrl, orderEntitiesQuery, {
    variables: { representations: ids.map((id) => ({ __typename: 'Order', id })) },
    headers: as(viewer),
  });

describe('User.orders through _entities', () => {
  it('when the user pages through 25 orders by 10, then every order comes once, newest first', async () => {
    const pages: UserOrdersData['_entities'] = [];
    let after: string | null = null;
    do {
      const response = await userOrders(buyer, buyer.userId, { first: 10, after });
      expect(response.body.errors).toBeUndefined();
      const user = response.body.data!._entities[0]!;
      pages.push(user);
      after = user.orders.pageInfo.hasNextPage ? user.orders.pageInfo.endCursor : null;
    } while (after !== null && pages.length < 5);

    expect(pages.map((page) => page!.orders.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((page) => page!.orders.pageInfo.hasNextPage)).toEqual([true, true, false]);
    const ids = pages.flatMap((page) => page!.orders.edges.map((edge) => edge.node.id));
    expect(ids).toEqual(placed.map((order) => order.id).reverse());
    for (const page of pages) {
      expect(page!.id).toBe(buyer.userId);
      expect(page!.orders.pageInfo.endCursor).toBe(page!.orders.edges.at(-1)!.cursor);
      for (const edge of page!.orders.edges) {
        expect(edge.node.user).toEqual({ id: buyer.userId });
        expect(edge.cursor).not.toContain(edge.node.id);
      }
    }
  });

  it('when an admin asks for a user orders, then they get them', async () => {
    const response = await userOrders(admin, buyer.userId, { first: 3 });

    expect(response.body.errors).toBeUndefined();
    const ids = response.body.data!._entities[0]!.orders.edges.map((edge) => edge.node.id);
    expect(ids).toEqual(
      placed
        .slice(-3)
        .map((order) => order.id)
        .reverse(),
    );
  });

  it('when the user is referenced by an upper-case id, then the user and an admin get the same orders', async () => {
    const asOwner = await userOrders(buyer, buyer.userId.toUpperCase(), { first: 3 });
    const asAdmin = await userOrders(admin, buyer.userId.toUpperCase(), { first: 3 });

    const expected = placed
      .slice(-3)
      .map((order) => order.id)
      .reverse();
    for (const response of [asOwner, asAdmin]) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!._entities[0]!.orders.edges.map((edge) => edge.node.id)).toEqual(
        expected,
      );
    }
  });

  it('when a user has no orders, then the connection is empty', async () => {
    const nobody = buildViewer();

    const response = await userOrders(nobody, nobody.userId);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities[0]!.orders).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('when another customer asks for a user orders, then it fails with FORBIDDEN', async () => {
    const response = await userOrders(buildViewer(), buyer.userId);

    expect(response.body.data?._entities).toEqual([null]);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('when the caller is anonymous, then it fails with UNAUTHENTICATED', async () => {
    const response = await userOrders(null, buyer.userId);

    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    { case: 'not a cursor', after: 'garbage' },
    { case: 'a cursor of something else', after: Buffer.from('v1:42').toString('base64url') },
  ])('when after is $case, then it fails with BAD_USER_INPUT naming after', async ({ after }) => {
    const response = await userOrders(buyer, buyer.userId, { after });

    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('when a representation id is not a string, then it fails with BAD_USER_INPUT and matches nothing', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on User {
            orders {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      }
    `;
    const response = await subgraphRequest<UserOrdersData>('orders', orders.graphqlUrl, query, {
      variables: { representations: [{ __typename: 'User', id: { $ne: null } }] },
      headers: as(admin),
    });

    expect(response.body.data?._entities).toEqual([null]);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('when first is above 100, then the page is capped at 100', async () => {
    const response = await userOrders(admin, buyer.userId, { first: 500 });

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities[0]!.orders.edges).toHaveLength(25);
  });
});

describe('Order through _entities', () => {
  it('when orders are resolved by reference, then they come in the order asked, missing as null, in one query', async () => {
    const [first, second, third] = [placed[3]!, placed[10]!, placed[20]!];
    const ids = [third.id, newId(), first.id, 'not-an-id', second.id];
    orders.resetReads();

    const response = await orderEntities(admin, ids);

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!._entities).toEqual([
      { __typename: 'Order', id: third.id, status: 'PENDING', user: { id: buyer.userId } },
      null,
      { __typename: 'Order', id: first.id, status: 'PENDING', user: { id: buyer.userId } },
      null,
      { __typename: 'Order', id: second.id, status: 'PENDING', user: { id: buyer.userId } },
    ]);
    expect(orders.reads).toEqual([
      { method: 'findByIds', ids: [third.id, ids[1], first.id, second.id] },
    ]);
  });

  it('when a customer resolves another customer order by reference, then only that entity is null, as an unknown id', async () => {
    const stranger = buildViewer();
    const own = (await client.placeOrder(stranger, buildPlaceOrderInput())).body.data!.placeOrder;

    const response = await orderEntities(stranger, [own.id, placed[0]!.id]);

    expect(response.body.data!._entities).toEqual([
      { __typename: 'Order', id: own.id, status: 'PENDING', user: { id: stranger.userId } },
      null,
    ]);
    expect(response.body.errors).toBeUndefined();
  });

  it('when an anonymous caller resolves an order by reference, then it is null, as an unknown id', async () => {
    const response = await orderEntities(null, [placed[0]!.id]);

    expect(response.body).toEqual({ data: { _entities: [null] } });
  });

  it('when a representation id is not a string, then that entity fails with BAD_USER_INPUT naming id and the others resolve', async () => {
    const order = placed[0]!;

    const response = await subgraphRequest<OrderEntitiesData>(
      'orders',
      orders.graphqlUrl,
      orderEntitiesQuery,
      {
        variables: {
          representations: [
            { __typename: 'Order', id: [order.id] },
            { __typename: 'Order', id: order.id },
          ],
        },
        headers: as(admin),
      },
    );

    expect(response.body.data?._entities.map((entity) => entity?.id ?? null)).toEqual([
      null,
      order.id,
    ]);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', 0],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' }),
      }),
    ]);
  });
});
