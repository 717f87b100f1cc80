import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import {
  buildSignUp,
  startFedshopSystem,
  testAdmin,
  type FedshopSystem,
} from '../support/fedshop-system.js';

let system: FedshopSystem;
let gatewayUrl: string;

beforeAll(async () => {
  system = await startFedshopSystem();
  gatewayUrl = system.gateway.graphqlUrl;
});

afterAll(async () => {
  await system?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const signUpMutation = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        name
        role
      }
    }
  }
`;
const logInMutation = /* GraphQL */ `
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      token
      user {
        id
      }
    }
  }
`;
const productsQuery = /* GraphQL */ `
  query Products($first: Int) {
    products(first: $first) {
      edges {
        node {
          id
          name
          priceCents
          stock
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`;
const placeOrderMutation = /* GraphQL */ `
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`;
const orderQuery = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      status
      totalCents
      user {
        name
      }
      items {
        quantity
        product {
          name
          priceCents
        }
      }
    }
  }
`;
const myOrdersQuery = /* GraphQL */ `
  query MyOrders {
    me {
      name
      orders(first: 10) {
        edges {
          node {
            id
            status
            items {
              quantity
            }
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`;

type Products = {
  products: { edges: { node: { id: string; name: string; priceCents: number } }[] };
};

describe('a shopper through the gateway', () => {
  it('when a shopper signs up, logs in, orders and reads back, then every subgraph answers in one graph', async () => {
    const signUpInput = buildSignUp({ name: 'Grace Shopper' });
    const signedUp = await graphqlRequest<{
      signUp: { token: string; user: Record<string, string> };
    }>(gatewayUrl, signUpMutation, { variables: { input: signUpInput } });
    expect(signedUp.body.errors).toBeUndefined();
    expect(signedUp.body.data?.signUp.user).toMatchObject({
      email: signUpInput.email,
      name: 'Grace Shopper',
      role: 'CUSTOMER',
    });

    const loggedIn = await graphqlRequest<{ logIn: { token: string; user: { id: string } } }>(
      gatewayUrl,
      logInMutation,
      { variables: { email: signUpInput.email.toUpperCase(), password: signUpInput.password } },
    );
    expect(loggedIn.body.errors).toBeUndefined();
    const token = loggedIn.body.data!.logIn.token;
    expect(loggedIn.body.data?.logIn.user.id).toBe(signedUp.body.data?.signUp.user.id);

    const catalogue = await graphqlRequest<Products>(gatewayUrl, productsQuery, {
      variables: { first: 2 },
    });
    expect(catalogue.body.errors).toBeUndefined();
    const [first, second] = catalogue.body.data!.products.edges.map((edge) => edge.node);
    expect(first).toBeDefined();
    expect(second).toBeDefined();

    const placed = await graphqlRequest<{ placeOrder: { id: string; status: string } }>(
      gatewayUrl,
      placeOrderMutation,
      {
        variables: {
          input: {
            items: [
              { productId: first!.id, quantity: 2 },
              { productId: second!.id, quantity: 1 },
            ],
          },
        },
        headers: bearer(token),
      },
    );
    expect(placed.body.errors).toBeUndefined();
    expect(placed.body.data?.placeOrder.status).toBe('PENDING');
    const orderId = placed.body.data!.placeOrder.id;

    // The workflow (products' worker, then orders') confirms it in the background.
    let order = await graphqlRequest<{ order: { status: string } }>(gatewayUrl, orderQuery, {
      variables: { id: orderId },
      headers: bearer(token),
    });
    for (let polls = 0; order.body.data?.order.status === 'PENDING' && polls < 200; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      order = await graphqlRequest(gatewayUrl, orderQuery, {
        variables: { id: orderId },
        headers: bearer(token),
      });
    }
    expect(order.body).toEqual({
      data: {
        order: {
          id: orderId,
          status: 'CONFIRMED',
          totalCents: 2 * first!.priceCents + second!.priceCents,
          user: { name: 'Grace Shopper' },
          items: [
            { quantity: 2, product: { name: first!.name, priceCents: first!.priceCents } },
            { quantity: 1, product: { name: second!.name, priceCents: second!.priceCents } },
          ],
        },
      },
    });

    const mine = await graphqlRequest(gatewayUrl, myOrdersQuery, { headers: bearer(token) });
    expect(mine.body).toEqual({
      data: {
        me: {
          name: 'Grace Shopper',
          orders: {
            edges: [
              {
                node: {
                  id: orderId,
                  status: 'CONFIRMED',
                  items: [{ quantity: 2 }, { quantity: 1 }],
                },
              },
            ],
            pageInfo: { hasNextPage: false },
          },
        },
      },
    });
  });

  it("when another customer asks for someone else's order, then it is null, as an unknown id", async () => {
    const owner = await graphqlRequest<{ signUp: { token: string } }>(gatewayUrl, signUpMutation, {
      variables: { input: buildSignUp() },
    });
    const stranger = await graphqlRequest<{ signUp: { token: string } }>(
      gatewayUrl,
      signUpMutation,
      {
        variables: { input: buildSignUp() },
      },
    );
    const catalogue = await graphqlRequest<Products>(gatewayUrl, productsQuery, {
      variables: { first: 1 },
    });
    const productId = catalogue.body.data!.products.edges[0]!.node.id;
    const placed = await graphqlRequest<{ placeOrder: { id: string } }>(
      gatewayUrl,
      placeOrderMutation,
      {
        variables: { input: { items: [{ productId, quantity: 1 }] } },
        headers: bearer(owner.body.data!.signUp.token),
      },
    );

    const peek = await graphqlRequest(gatewayUrl, orderQuery, {
      variables: { id: placed.body.data!.placeOrder.id },
      headers: bearer(stranger.body.data!.signUp.token),
    });
    expect(peek.body).toEqual({ data: { order: null } });
  });

  it('when the seeded admin logs in, then it can create a product customers then see', async () => {
    const admin = await graphqlRequest<{ logIn: { token: string } }>(gatewayUrl, logInMutation, {
      variables: testAdmin,
    });
    expect(admin.body.errors).toBeUndefined();
    const created = await graphqlRequest<{ createProduct: { id: string } }>(
      gatewayUrl,
      /* GraphQL */ `
        mutation Create($input: CreateProductInput!) {
          createProduct(input: $input) {
            id
            sku
            stock
          }
        }
      `,
      {
        variables: { input: { sku: 'E2E-LAMP', name: 'Desk lamp', priceCents: 4500, stock: 3 } },
        headers: bearer(admin.body.data!.logIn.token),
      },
    );
    expect(created.body.data).toEqual({
      createProduct: { id: expect.any(String), sku: 'E2E-LAMP', stock: 3 },
    });
    const read = await graphqlRequest(
      gatewayUrl,
      `query P($id: ID!) { product(id: $id) { name priceCents } }`,
      {
        variables: { id: created.body.data!.createProduct.id },
      },
    );
    expect(read.body).toEqual({ data: { product: { name: 'Desk lamp', priceCents: 4500 } } });
  });

  it('when a customer tries to create a product, then it is FORBIDDEN', async () => {
    const customer = await graphqlRequest<{ signUp: { token: string } }>(
      gatewayUrl,
      signUpMutation,
      {
        variables: { input: buildSignUp() },
      },
    );
    const attempt = await graphqlRequest(
      gatewayUrl,
      `mutation { createProduct(input: { sku: "NOPE-1", name: "Nope", priceCents: 1, stock: 1 }) { id } }`,
      { headers: bearer(customer.body.data!.signUp.token) },
    );
    expect(attempt.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
