import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '@fedshop/embedded-mongo';
import { createMemoryLogger } from '@fedshop/logger';
import { connectDatabase } from '@fedshop/subgraph-kit';

const disconnectWarnings = (lines: string[]) =>
  lines
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter(({ level, msg }) => level === 40 && msg.includes('database disconnected'));

let server: EmbeddedMongo | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('connectDatabase', () => {
  it('when the service closes its connection, then no disconnect warning is logged', async () => {
    server = await startEmbeddedMongo({ port: 0 });
    const { logger, lines } = createMemoryLogger({ service: 'test' });
    const connection = await connectDatabase({ uri: `${server.uri}/clean_stop`, logger });

    await connection.close();

    expect(connection.readyState).toBe(0);
    expect(disconnectWarnings(lines())).toEqual([]);
  });

  it('when the server goes away under an open connection, then a disconnect warning is logged', async () => {
    server = await startEmbeddedMongo({ port: 0 });
    const { logger, lines } = createMemoryLogger({ service: 'test' });
    const connection = await connectDatabase({ uri: `${server.uri}/lost_server`, logger });

    await server.stop();
    server = undefined;
    // A failed operation marks the server lost at once, without waiting for a heartbeat.
    await expect(connection.db?.admin().ping()).rejects.toThrow();

    await vi.waitFor(() => expect(disconnectWarnings(lines())).toHaveLength(1), {
      timeout: 15_000,
    });
    await connection.close();
  });
});
