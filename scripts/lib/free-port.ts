import { createServer } from 'node:net';
import { findFreePort } from '@fedshop/service-kit';
import { LauncherError } from './launcher-error.js';

export { findFreePort };

/** True when nothing listens on `port` at `host`. */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export interface PortRequest {
  /** The variable the port came from, named in errors (e.g. `USERS_PORT`). */
  variable: string;
  /** 0 means "pick a free one". */
  port: number;
}

/**
 * Turns requested ports into concrete ones: 0 becomes a free port (never one already
 * handed out), a fixed port must be free, so a clash is reported before any child starts.
 */
export async function resolvePorts(
  requests: readonly PortRequest[],
  host: string,
): Promise<number[]> {
  const taken = new Set<number>();
  const ports: number[] = [];
  for (const { variable, port } of requests) {
    if (port === 0) {
      let free = await findFreePort(host);
      while (taken.has(free)) free = await findFreePort(host);
      taken.add(free);
      ports.push(free);
      continue;
    }
    if (taken.has(port) || !(await isPortFree(port, host))) {
      throw new LauncherError(
        `Port ${port} (${variable}) is already in use on ${host}: stop what uses it, or set ${variable}=0 to pick a free port.`,
      );
    }
    taken.add(port);
    ports.push(port);
  }
  return ports;
}

/** Reads a port variable: a whole number from 0 to 65535, or the default when unset. */
export function parsePort(
  variable: string,
  value: string | undefined,
  defaultPort: number,
): number {
  if (value === undefined || value.trim() === '') return defaultPort;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LauncherError(
      `${variable} must be a port number from 0 to 65535 (0 picks a free one).`,
    );
  }
  return port;
}
