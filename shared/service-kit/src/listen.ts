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

/** Node's HTTP server timeouts, in milliseconds. */
export interface ServerTimeouts {
  /** Idle keep-alive sockets close after this: above a load balancer's idle timeout (60 s on
   * common ones), so the balancer, not us, closes a pooled connection and never mid-request. */
  keepAliveTimeout: number;
  /** The request's headers must arrive within this (slow-header clients are cut off). */
  headersTimeout: number;
  /** The whole request (headers and body) must arrive within this. */
  requestTimeout: number;
}

export const defaultServerTimeouts: ServerTimeouts = {
  keepAliveTimeout: 65_000,
  headersTimeout: 20_000,
  requestTimeout: 30_000,
};

/** Binds `handler` and resolves with the bound address (port 0 picks a free port). */
export function listen(
  handler: RequestListener,
  port: number,
  host: string,
  timeouts: ServerTimeouts = defaultServerTimeouts,
): Promise<ListeningServer> {
  const server = createServer(handler);
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  server.headersTimeout = timeouts.headersTimeout;
  server.requestTimeout = timeouts.requestTimeout;
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
