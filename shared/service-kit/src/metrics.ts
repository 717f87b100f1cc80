import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler } from 'express';

/** A registry per service instance (not the global one), so tests can run many at once. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Paths recorded as themselves; anything else is `other`, so scanners cannot explode label cardinality. */
export const defaultMetricRoutes = ['/graphql', '/healthz', '/readyz', '/metrics'];

/** Records `http_request_duration_seconds` by method, route and status. */
export function useRequestMetrics(
  registry: Registry,
  routes: readonly string[] = defaultMetricRoutes,
): RequestHandler {
  const knownRoutes = new Set(routes);
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0] ?? '';
      const route = knownRoutes.has(path) ? path : 'other';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
