// The gateway suite's requests. Each scenario has one `identical` request and a pool of
// `varied` ones that differ from their neighbours in variables and in selection set; the
// load runner also gives every varied request its own operation name, so no two requests
// share a document (no plan, document or response cache, no dedup, can answer one from
// another). The capture command turns these into recordings with expected answers.
import { adminUserIndex, orderId, userId, type SeedSize } from './seed-data.js';

export const gatewayScenarios = ['products', 'order-with-user', 'heavy'] as const;
export type GatewayScenario = (typeof gatewayScenarios)[number];
/** Scenario 4: the subgraph calls of `heavy`, made directly by the load generator. */
export const directScenario = 'heavy-direct';
export type ScenarioName = GatewayScenario | typeof directScenario;
export const scenarioNames: readonly ScenarioName[] = [...gatewayScenarios, directScenario];

export const scenarioTitles: Record<ScenarioName, string> = {
  products: '1 products(first: 20)',
  'order-with-user': '2 order + its user',
  heavy: '3 heavy nested (3 subgraphs)',
  'heavy-direct': '4 subgraph calls of 3, direct',
};

export interface RequestVariant {
  query: string;
  variables: Record<string, unknown>;
}

export interface ScenarioRequests {
  identical: RequestVariant;
  varied: RequestVariant[];
}

/** Orders each user has in the seeded data set; the heavy query reads all of them. */
export const ordersPerUser = (size: SeedSize) => Math.floor(size.orders / size.users);

const pick = (optional: readonly string[], mask: number) =>
  optional.filter((_, bit) => mask & (1 << bit)).join(' ');
const allBits = (optional: readonly string[]) => (1 << optional.length) - 1;

const productOptional = ['sku', 'stock', 'description'] as const;
function productsQuery(name: string, mask: number): string {
  return (
    `query ${name}($after: String) { products(first: 20, after: $after) { ` +
    `edges { cursor node { id name priceCents ${pick(productOptional, mask)} } } ` +
    `pageInfo { hasNextPage endCursor } } }`
  );
}

const orderOptional = ['createdAt', 'unitPriceCents', 'email', 'role'] as const;
function orderQuery(name: string, mask: number): string {
  const [createdAt, unitPrice, email, role] = orderOptional.map((field, bit) =>
    mask & (1 << bit) ? field : '',
  );
  return (
    `query ${name}($id: ID!) { order(id: $id) { id status totalCents ${createdAt} ` +
    `items { quantity ${unitPrice} } user { id name ${email} ${role} } } }`
  );
}

/** Customers read per heavy request (aliases u0…u3). */
export const heavyUsersPerRequest = 4;
const heavyOptional = ['email', 'createdAt', 'role', 'sku'] as const;
function heavyQuery(name: string, mask: number, orders: number): string {
  const [email, createdAt, role, sku] = heavyOptional.map((field, bit) =>
    mask & (1 << bit) ? field : '',
  );
  const ids = Array.from({ length: heavyUsersPerRequest }, (_, i) => `$u${i}: ID!`).join(', ');
  const users = Array.from(
    { length: heavyUsersPerRequest },
    (_, i) => `u${i}: user(id: $u${i}) { ...Customer }`,
  ).join(' ');
  return (
    `query ${name}(${ids}) { ${users} } ` +
    `fragment Customer on User { id name ${email} orders(first: ${orders}) { edges { node { ` +
    `id status totalCents ${createdAt} user { id name ${role} } ` +
    `items { quantity unitPriceCents product { id name priceCents ${sku} } } } } } }`
  );
}

const tidy = (variant: RequestVariant): RequestVariant => ({
  ...variant,
  query: variant.query.replace(/ {2,}/g, ' '),
});

export interface ScenarioInputs {
  size: SeedSize;
  /** `endCursor` of each page of `products(first: 20)`, in order (from the live system). */
  productCursors: readonly string[];
  /** Size of each varied pool. */
  pool: Record<GatewayScenario, number>;
}

export const defaultPools: Record<GatewayScenario, number> = {
  products: 24,
  'order-with-user': 32,
  heavy: 12,
};

/** Every request of every scenario. */
export function buildScenarios({
  size,
  productCursors,
  pool,
}: ScenarioInputs): Record<GatewayScenario, ScenarioRequests> {
  const orders = ordersPerUser(size);
  const heavyVariables = (first: number) =>
    Object.fromEntries(
      Array.from({ length: heavyUsersPerRequest }, (_, i) => [
        `u${i}`,
        userId((first + i) % size.users),
      ]),
    );
  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  const cursorFor = (k: number) =>
    k === 0 ? null : (productCursors[(k - 1) % Math.max(productCursors.length, 1)] ?? null);

  return {
    products: {
      identical: { query: productsQuery('Products', allBits(productOptional)), variables: {} },
      varied: range(pool.products).map((k) =>
        tidy({
          query: productsQuery(`Products${k}`, k % (allBits(productOptional) + 1)),
          variables: { after: cursorFor(k) },
        }),
      ),
    },
    'order-with-user': {
      identical: tidy({
        query: orderQuery('OrderWithUser', allBits(orderOptional)),
        variables: { id: orderId(0) },
      }),
      varied: range(pool['order-with-user']).map((k) =>
        tidy({
          query: orderQuery(`OrderWithUser${k}`, k % (allBits(orderOptional) + 1)),
          // 149 is prime to 5 000: the pool spreads over users and item counts.
          variables: { id: orderId((1 + k * 149) % size.orders) },
        }),
      ),
    },
    heavy: {
      identical: tidy({
        query: heavyQuery('Heavy', allBits(heavyOptional), orders),
        variables: heavyVariables(size.users / 2),
      }),
      varied: range(pool.heavy).map((k) =>
        tidy({
          query: heavyQuery(`Heavy${k}`, k % (allBits(heavyOptional) + 1), orders),
          variables: heavyVariables(1 + k * heavyUsersPerRequest),
        }),
      ),
    },
  };
}

/** The admin the benchmark's requests run as (orders are readable by their owner or an admin). */
export const benchViewer = { userId: userId(adminUserIndex), role: 'ADMIN' as const };

/** Replaces the operation's name: `query Heavy3(` becomes `query <name>(`. */
export function renameOperation(query: string, name: string): string {
  return query.replace(/^(\s*(?:query|mutation))\s+[_A-Za-z][_0-9A-Za-z]*/, `$1 ${name}`);
}
