import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  server: Server;
  port: number;
  /** Base URL such as `http://127.0.0.1:4001`. */
  url: string;
  /** Stops accepting connections and closes idle keep-alive sockets. */
  close(): Promise<void>;
}

/** Binds `handler` and resolves with the bound address (port 0 picks a free port). */
export function listen(
  handler: RequestListener,
  port: number,
  host: string,
): Promise<ListeningServer> {
  const server = createServer(handler);
  // Above typical proxy/client idle timeouts, so a pooled connection is not cut mid-request.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        port: address.port,
        url: `http://${urlHost}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeIdleConnections();
          }),
      });
    });
  });
}

export type { Server };
