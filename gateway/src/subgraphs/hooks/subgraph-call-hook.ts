import type { GatewayContext } from '../../context.js';

/** The outgoing headers of a subgraph call (Apollo's fetch Headers). */
export interface SubgraphHeaders {
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** One outgoing subgraph call, as the hooks see it. */
export interface SubgraphCall {
  serviceName: string;
  /** The outgoing headers; only what hooks set here reaches the subgraph. */
  headers: SubgraphHeaders;
  /** The client request this call serves; undefined for health checks and schema loads. */
  context: GatewayContext | undefined;
}

/** A small step run before every subgraph call (internal token, request id, later trace context). */
export type SubgraphCallHook = (call: SubgraphCall) => void | Promise<void>;
