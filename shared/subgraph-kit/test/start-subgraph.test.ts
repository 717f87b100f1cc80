import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import { testKeys } from '@fedshop/testing';
import { defineSubgraph, startSubgraph, type SubgraphServiceConfig } from '@fedshop/subgraph-kit';

// The kit's lifecycle: background work starts on the services the requests use and stops
// after the listener, before the database.

const { logger } = createMemoryLogger({ service: 'test' });
let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function configFor(): Promise<SubgraphServiceConfig> {
  dataDir = await mkdtemp(join(tmpdir(), 'subgraph-kit-start-'));
  return {
    dataDir,
    port: 0,
    host: '127.0.0.1',
    production: false,
    logLevel: 'silent',
    internalJwksFile: testKeys.internal.publicFile,
    clockSkewSeconds: 30,
  };
}

function recordingSubgraph(events: string[], backgroundFails = false) {
  return defineSubgraph({
    name: 'ping',
    schema: new URL('./fixtures/ping.graphql', import.meta.url),
    resolvers: { Query: { ping: () => 'pong' } },
    createRepositories: async () => ({}),
    createServices: (_repositories, _config, serviceLogger) => {
      events.push(`services:${serviceLogger === logger}`);
      return { token: 'services' };
    },
    createLoaders: () => ({}),
    startBackground: async ({ services }) => {
      events.push(`background:${services.token}`);
      if (backgroundFails) throw new Error('queue unreachable');
      return {
        close: async () => {
          events.push('background closed');
        },
      };
    },
  });
}

describe('startSubgraph with background work', () => {
  it('when it starts and stops, then background work sees the services and closes before the end', async () => {
    const events: string[] = [];
    const running = await startSubgraph(recordingSubgraph(events), await configFor(), { logger });
    const ready = await fetch(`${running.url}/readyz`);

    await running.stop();

    expect(ready.status).toBe(200);
    expect(events).toEqual(['services:true', 'background:services', 'background closed']);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('when background work fails to start, then the start fails with its error and listens on nothing', async () => {
    const events: string[] = [];

    await expect(
      startSubgraph(recordingSubgraph(events, true), await configFor(), { logger }),
    ).rejects.toThrow('queue unreachable');
    expect(events).toEqual(['services:true', 'background:services']);
  });
});
