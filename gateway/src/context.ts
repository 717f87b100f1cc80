import type { Request } from 'express';
import type { Viewer } from '@fedshop/auth';
import type { Logger } from '@fedshop/logger';
import { edgeStateOf } from './edge/edge-state.js';
import { deadlineAfter, type Deadline } from './subgraphs/deadline.js';

/** Per-request state of the gateway, built once per HTTP request. */
export interface GatewayContext {
  /** The caller whose token was verified at the edge, or null for anonymous requests. */
  viewer: Viewer | null;
  requestId: string;
  clientIp: string;
  /** A child logger carrying the request id. */
  logger: Logger;
  /** Whose budget the request spends (`user:…` or `ip:…`). */
  callerKey: string;
  /** When its subgraph calls must be done (`REQUEST_TIMEOUT_MS` after the request began). */
  deadline: Deadline;
}

/** Apollo's context: what the edge established, plus a logger for this request. */
export function gatewayContext(
  req: Request,
  logger: Logger,
  requestTimeoutMs: number,
): GatewayContext {
  const { viewer, requestId, clientIp, callerKey } = edgeStateOf(req);
  return {
    viewer,
    requestId,
    clientIp,
    logger: logger.child({ requestId }),
    callerKey,
    deadline: deadlineAfter(requestTimeoutMs),
  };
}
