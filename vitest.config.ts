import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under this condition, so tests
// run against `src/` without a build step.
const sourceCondition = '@fedshop/source';

export default defineConfig({
  resolve: { conditions: [sourceCondition, 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: [sourceCondition, 'node', 'import', 'default'] } },
  test: {
    include: ['{gateway,subgraphs,shared,scripts}/**/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
