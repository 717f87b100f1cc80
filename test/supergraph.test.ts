import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeFedshopSupergraph, defaultSupergraphFile } from '@fedshop/gateway';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

describe('the committed supergraph', () => {
  it('when the subgraph schemas are composed afresh, then supergraph.graphql matches (else run `npm run compose`)', async () => {
    const composition = await composeFedshopSupergraph(rootDir);
    if (!composition.ok) {
      throw new Error(`The subgraphs do not compose:\n${composition.errors.join('\n')}`);
    }
    const committed = await readFile(join(rootDir, defaultSupergraphFile), 'utf8');

    expect(committed).toBe(composition.supergraphSdl);
  });
});
