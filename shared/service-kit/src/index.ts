export { createServiceApp, type ServiceApp, type ServiceAppOptions } from './create-service-app.js';
export {
  runReadinessChecks,
  defaultReadinessTimeoutMs,
  type ReadinessCheck,
  type ReadinessReport,
} from './readiness.js';
export { useRequestId, requestIdOf, defaultRequestIdHeader } from './request-id.js';
export { createMetricsRegistry, useRequestMetrics } from './metrics.js';
export {
  listen,
  defaultServerTimeouts,
  type ListeningServer,
  type ServerTimeouts,
} from './listen.js';
export {
  handleShutdownSignals,
  exitOnStartupFailure,
  defaultShutdownTimeoutMs,
  type GracefulShutdownOptions,
} from './graceful-shutdown.js';
export { useJsonBody, handleHttpErrors, defaultJsonBodyLimit } from './json-body.js';
export { runService, type RunningService, type RunServiceOptions } from './run-service.js';
export { findFreePort } from './free-port.js';
