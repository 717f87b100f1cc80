import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery, parse } from 'graphql';
import { graphqlRequest } from '@fedshop/testing';
import { buildSignUp, startFedshopSystem, type FedshopSystem } from '../support/fedshop-system.js';

let system: FedshopSystem;
let gatewayUrl: string;

beforeAll(async () => {
  system = await startFedshopSystem();
  gatewayUrl = system.gateway.graphqlUrl;
});

afterAll(async () => {
  await system?.stop();
});

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The operations of the README's shopper journey (its ```graphql block), one per document. */
function readmeJourney(): string[] {
  const block = /```graphql\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no graphql block');
  return parse(block).definitions.map((definition) => {
    const { loc } = definition;
    if (!loc) throw new Error('no location');
    return block.slice(loc.start, loc.end);
  });
}

describe('static limits on the whole system, at their defaults', () => {
  it('when the README journey runs, then no operation is refused as too complex', async () => {
    const journey = readmeJourney();
    expect(journey).toHaveLength(3);
    const [signUp = '', placeOrder = '', me = ''] = journey;
    const email = buildSignUp().email;
    const signedUp = await graphqlRequest<{ signUp: { token: string } }>(
      gatewayUrl,
      signUp.replace('ada@example.com', email),
    );
    expect(signedUp.body.errors).toBeUndefined();
    const auth = { authorization: `Bearer ${signedUp.body.data?.signUp.token}` };
    const products = await graphqlRequest<{ products: { edges: { node: { id: string } }[] } }>(
      gatewayUrl,
      '{ products(first: 1) { edges { node { id } } } }',
    );
    const productId = products.body.data?.products.edges[0]?.node.id ?? '';
    const placed = await graphqlRequest(
      gatewayUrl,
      placeOrder.replace('<a product id>', productId),
      {
        headers: auth,
      },
    );
    const mine = await graphqlRequest<{ me: { orders: { edges: unknown[] } } }>(gatewayUrl, me, {
      headers: auth,
    });

    expect(placed.body.errors).toBeUndefined();
    expect(mine.status).toBe(200);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data?.me.orders.edges).toHaveLength(1);
  });

  it("when Apollo Sandbox's introspection query is sent, then the schema is answered", async () => {
    const response = await graphqlRequest<{ __schema: { types: unknown[] } }>(
      gatewayUrl,
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.__schema.types.length).toBeGreaterThan(10);
  });

  it('when one mutation has 10 signUp root fields, then 400 MAX_MUTATION_ROOT_FIELDS and no account exists', async () => {
    const inputs = Array.from({ length: 10 }, () => buildSignUp());
    const fields = inputs.map(
      (input, index) =>
        `s${index}: signUp(input: { email: "${input.email}", password: "${input.password}", name: "x" }) { token }`,
    );
    const response = await graphqlRequest(gatewayUrl, `mutation { ${fields.join(' ')} }`);

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_TOO_COMPLEX',
      limitName: 'MAX_MUTATION_ROOT_FIELDS',
      limit: 5,
      found: 10,
    });
    // Had any signUp run, its account could log in.
    const logIn = await graphqlRequest(
      gatewayUrl,
      'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
      { variables: { email: inputs[0]?.email, password: inputs[0]?.password } },
    );
    expect(logIn.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
