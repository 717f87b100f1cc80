import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig, startGateway } from '@fedshop/gateway';
import { createLogger } from '@fedshop/logger';
import { graphqlRequest, testKeyEnvironment } from '@fedshop/testing';
import {
  composeFedshopSupergraph,
  defaultSupergraphFile,
} from '../scripts/lib/fedshop-supergraph.js';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const supergraphPath = join(rootDir, defaultSupergraphFile);

describe('the committed supergraph', () => {
  it('when the subgraph schemas are composed afresh, then supergraph.graphql matches (else run `npm run compose`)', async () => {
    const composition = await composeFedshopSupergraph(rootDir);
    if (!composition.ok) {
      throw new Error(`The subgraphs do not compose:\n${composition.errors.join('\n')}`);
    }
    const committed = await readFile(supergraphPath, 'utf8');

    expect(committed).toBe(composition.supergraphSdl);
  });

  it('when composed, then the subgraph-local @auth rules stay out of it (the gateway never sees them)', async () => {
    const committed = await readFile(supergraphPath, 'utf8');

    expect(committed).not.toMatch(/@auth\b|directive @auth|hidden: Boolean/);
  });

  it('when the gateway loads it, then the contract types are served', async () => {
    const config = loadGatewayConfig({
      ...testKeyEnvironment,
      GATEWAY_PORT: '0',
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: supergraphPath,
    });
    const gateway = await startGateway(config, {
      logger: createLogger({ service: 'gateway', level: 'silent' }),
    });
    try {
      const response = await graphqlRequest<{ __schema: { types: { name: string }[] } }>(
        gateway.graphqlUrl,
        '{ __schema { types { name } } }',
      );

      const types = response.body.data?.__schema.types.map(({ name }) => name) ?? [];
      expect(types).toEqual(expect.arrayContaining(['User', 'Product', 'Order', 'Role']));
    } finally {
      await gateway.stop();
    }
  });
});
