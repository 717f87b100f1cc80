import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under this condition, so tests
// run against `src/` without a build step. Only conditions Node itself understands are
// listed: the test workers pass them to Node's own resolver for external packages.
const sourceCondition = '@fedshop/source';

// One copy of graphql for our sources and for Apollo's CommonJS code; two copies break
// `instanceof GraphQLError` between them.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  ssr: { resolve: { conditions: [sourceCondition, 'node'] } },
  test: {
    include: ['{gateway,subgraphs,shared,scripts,bench}/**/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    // Tests never talk to anything outside this machine.
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
