import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import { startFedshopSystem, type FedshopSystem } from '../support/fedshop-system.js';

let system: FedshopSystem;

// Every operation below costs more than 1, so each answer states its exact cost.
beforeAll(async () => {
  system = await startFedshopSystem({ gatewayEnv: { MAX_OPERATION_COST: '1' } });
});

afterAll(async () => {
  await system?.stop();
});

async function costOf(query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const response = await graphqlRequest(system.gateway.graphqlUrl, query, { variables });
  expect(response.status).toBe(400);
  expect(response.body.errors?.[0]?.extensions).toMatchObject({
    code: 'OPERATION_TOO_COMPLEX',
    limit: 1,
  });
  return response.body.errors?.[0]?.extensions?.cost;
}

// Objects cost 1, scalars 0; a list costs its size times an item; `first` on a connection
// sizes its `edges`; a list nothing sizes counts DEFAULT_LIST_SIZE (10) items.
describe('exact operation costs on the fedshop supergraph', () => {
  it('when 3 products are asked, then products 1 + 3 edges x (edge 1 + node 1) = 7', async () => {
    expect(await costOf('{ products(first: 3) { edges { node { name priceCents } } } }')).toBe(7);
  });

  it("when `first` is a variable's default (5), then 1 + 5 x 2 + pageInfo 1 = 12; given 2, then 6", async () => {
    const query = /* GraphQL */ `
      query ($n: Int = 5) {
        products(first: $n) {
          edges {
            node {
              id
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    `;
    expect(await costOf(query)).toBe(12);
    expect(await costOf(query, { n: 2 })).toBe(6);
  });

  it("when two aliases ask products, then each counts: (1 + 2 x 2) + (1 + the argument's default 20 x 1) = 26", async () => {
    expect(
      await costOf(
        '{ a: products(first: 2) { edges { node { id } } } b: products { edges { cursor } } }',
      ),
    ).toBe(26);
  });

  it('when lists nest through a fragment, then they multiply: me 1 + orders 1 + 4 x (1 + 1 + 10 x 2 + 1) = 94', async () => {
    const query = /* GraphQL */ `
      query ($first: Int!) {
        me {
          orders(first: $first) {
            edges {
              node {
                ...OrderParts
              }
            }
          }
        }
      }
      fragment OrderParts on Order {
        status
        items {
          quantity
          product {
            name
          }
        }
        user {
          id
        }
      }
    `;
    expect(await costOf(query, { first: 4 })).toBe(94);
  });

  it('when `first: $n` is 100000 on nested lists, then it is refused before anything runs', async () => {
    const cost = await costOf(
      'query ($n: Int!) { products(first: $n) { edges { node { id } } } me { orders(first: $n) { edges { node { items { product { id } } } } } } }',
      { n: 100_000 },
    );
    expect(cost).toBe(1 + 100_000 * 2 + 1 + 1 + 100_000 * (1 + 1 + 10 * 2));
  });
});
