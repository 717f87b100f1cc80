import type { Express, RequestHandler } from 'express';
import type { Logger } from '@fedshop/logger';
import type { TrustedProxies } from '../budget/caller-key.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayKeys } from '../trust/gateway-keys.js';
import { createAdminSessions } from './admin-session.js';
import { queueDashboardPath, sessionPath } from './dashboard-paths.js';
import { createDashboardQueues } from './dashboard-queues.js';
import { createQueueBoard } from './queue-board.js';
import { useSameOriginActions } from './same-origin.js';
import { sessionRoutes } from './session-routes.js';
import { useActionAudit } from './use-action-audit.js';
import { useActionPolicy } from './use-action-policy.js';
import { useAdminAuthentication } from './use-admin-authentication.js';
import { useDashboardHeaders } from './use-dashboard-headers.js';
import { useQueueAvailability } from './use-queue-availability.js';

export interface QueueDashboardOptions {
  config: GatewayConfig;
  logger: Logger;
  keys: GatewayKeys;
  proxies: TrustedProxies;
  /** The queues shown, by name. */
  queueNames: readonly string[];
}

export interface QueueDashboard {
  /** Closes the dashboard's queues and its Redis connection. */
  close(): Promise<void>;
}

/**
 * The queue dashboard (Bull Board) at `/admin/queues`, ADMIN only. Its steps, in the
 * order they run (the service shell has given the request its id): security headers on
 * every answer; the audit of every state-changing request, refused ones too; the session
 * routes (sign-in page, open, end); authentication (bearer token or session cookie, ADMIN);
 * same-origin for cookie-borne actions (CSRF); the actions off by policy; 503 while Redis
 * is away; the board. No CORS: only its own pages call it.
 */
export function mountQueueDashboard(
  app: Express,
  { config, logger, keys, proxies, queueNames }: QueueDashboardOptions,
): QueueDashboard {
  const { queues, connection, close } = createDashboardQueues({
    redisUrl: config.redisUrl,
    prefix: config.queueDashboard.queuePrefix,
    names: queueNames,
    logger,
    commandTimeoutMs: config.queueDashboard.redisTimeoutMs,
  });
  const sessions = createAdminSessions({
    ...keys.own,
    ttlSeconds: config.queueDashboard.sessionTtlSeconds,
    clockSkewSeconds: config.clockSkewSeconds,
  });
  const steps: RequestHandler[] = [
    useDashboardHeaders(),
    useActionAudit({ logger }),
    sessionRoutes({
      verifyAccessToken: keys.verifyAccessToken,
      sessions,
      proxies,
      basePath: queueDashboardPath,
    }),
    useAdminAuthentication({
      verifyAccessToken: keys.verifyAccessToken,
      sessions,
      signInPath: `${queueDashboardPath}${sessionPath}`,
    }),
    useSameOriginActions({ proxies }),
    useActionPolicy(),
    useQueueAvailability({ connection }),
    createQueueBoard({ queues, connection, basePath: queueDashboardPath, logger }),
  ];
  app.use(queueDashboardPath, ...steps);
  return { close };
}
