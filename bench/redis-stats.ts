// Redis's own count of the commands it has processed: round trips per order, read from the
// server (a private one per run), not estimated from the client side.
import { Redis } from 'ioredis';

/** `total_commands_processed` from INFO stats, less the INFO command itself. */
export async function commandsProcessed(url: string): Promise<number> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const info = await client.info('stats');
    const match = /total_commands_processed:(\d+)/.exec(info);
    if (!match) throw new Error('INFO stats has no total_commands_processed');
    return Number(match[1]);
  } finally {
    client.disconnect();
  }
}
