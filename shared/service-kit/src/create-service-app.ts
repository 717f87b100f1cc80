import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { Logger } from '@fedshop/logger';
import { runReadinessChecks, type ReadinessCheck } from './readiness.js';
import { useRequestId } from './request-id.js';
import { createMetricsRegistry, useRequestMetrics } from './metrics.js';

export interface ServiceAppOptions {
  service: string;
  logger: Logger;
  /** Dependencies `/readyz` waits for. */
  readiness?: readonly ReadinessCheck[];
  /** @defaultValue a fresh registry with default Node.js metrics */
  metrics?: Registry;
}

export interface ServiceApp {
  app: Express;
  metrics: Registry;
}

/**
 * The HTTP shell every service shares: request ids, request metrics, `/healthz`,
 * `/readyz` and `/metrics`. Services mount their GraphQL handler on the returned app.
 */
export function createServiceApp({
  service,
  logger,
  readiness = [],
  metrics = createMetricsRegistry(service),
}: ServiceAppOptions): ServiceApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(useRequestId());
  app.use(useRequestMetrics(metrics));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const report = await runReadinessChecks(readiness);
    if (!report.ready) logger.warn({ checks: report.checks }, 'not ready');
    res.status(report.ready ? 200 : 503).json(report);
  });

  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.contentType);
    res.send(await metrics.metrics());
  });

  return { app, metrics };
}
