import { writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { graphqlRequest } from '@fedshop/testing';
import { costWeightsFromSdl } from '../src/cost/cost-weights.js';
import { operationCost } from '../src/cost/operation-cost.js';
import { accountsTypeDefs, startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

// Federation's cost spec directives, as a supergraph carries them.
const catalogueSdl = /* GraphQL */ `
  directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | SCALAR | ENUM
  directive @listSize(
    assumedSize: Int
    slicingArguments: [String!]
    sizedFields: [String!]
  ) on FIELD_DEFINITION
  interface Item {
    id: ID!
  }
  type Person {
    name: String!
  }
  type Book implements Item {
    id: ID!
    author: Person! @cost(weight: 2)
  }
  type Film implements Item {
    id: ID!
    cast(limit: Int): [Person!]! @listSize(slicingArguments: ["limit"])
  }
  type Query {
    items: [Item!]! @listSize(assumedSize: 3)
  }
`;

function costOf(sdl: string, query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return operationCost({
    schema: buildSchema(sdl),
    operation,
    fragments: new Map(),
    variables,
    weights: costWeightsFromSdl(sdl),
    defaultListSize: 10,
  });
}

describe('operation cost on an interface with @cost and @listSize', () => {
  const query = /* GraphQL */ `
    query ($withCast: Boolean!) {
      items {
        id
        ... on Book {
          author {
            name
          }
        }
        ... on Film {
          cast(limit: 4) @include(if: $withCast) {
            name
          }
        }
      }
    }
  `;

  it('when the cast is included, then 3 items x (1 + max(Book 2, Film 4 x 1)) = 15', () => {
    expect(costOf(catalogueSdl, query, { withCast: true })).toBe(15);
  });

  it('when @include drops the cast, then 3 items x (1 + max(Book 2, Film 0)) = 9', () => {
    expect(costOf(catalogueSdl, query, { withCast: false })).toBe(9);
  });
});

describe('operation cost through the gateway', () => {
  let accounts: FixtureSubgraph;
  let reviews: FixtureSubgraph;
  let gateway: TestGateway;
  const weighted = (weight: number) =>
    accountsTypeDefs
      .replace('import: ["@key"]', 'import: ["@key", "@cost"]')
      .replace('users: [User!]!', `users: [User!]! @cost(weight: ${weight})`);

  beforeAll(async () => {
    [accounts, reviews] = await Promise.all([startAccountsSubgraph(), startReviewsSubgraph()]);
    gateway = await startTestGateway(
      composeFixtures([accounts, reviews], { accounts: weighted(7) }),
      { MAX_OPERATION_COST: '50' },
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([accounts?.stop(), reviews?.stop()]);
  });

  it('when @cost weighs a list field, then the default list size multiplies it (10 x 7 = 70 > 50)', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_TOO_COMPLEX',
      cost: 70,
      limit: 50,
    });
  });

  it('when the supergraph is reloaded with another weight, then the cost follows (10 x 3 = 30)', async () => {
    await writeFile(
      gateway.supergraphPath,
      composeFixtures([accounts, reviews], { accounts: weighted(3) }),
    );
    const deadline = Date.now() + 5_000;
    let response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');
    while (response.status !== 200 && Date.now() < deadline) {
      await delay(50);
      response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');
    }
    expect(response.status).toBe(200);
    const over = await graphqlRequest(gateway.graphqlUrl, '{ a: users { id } b: users { id } }');
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ cost: 60, limit: 50 });
  });

  it('when introspection is asked, then it costs nothing', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ __schema { types { name } } }');
    expect(response.status).toBe(200);
  });
});
