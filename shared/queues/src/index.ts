export { defaultQueuePrefix, queueNames, type QueueName } from './queue-names.js';
export { jobId } from './job-id.js';
export {
  maxOrderLines,
  orderEventPayload,
  refusalReasons,
  releaseReasons,
  releaseStockPayload,
  reserveStockPayload,
  stockReplyPayload,
  type OrderEventPayload,
  type RefusalReason,
  type ReleaseReason,
  type ReleaseStockPayload,
  type ReserveStockPayload,
  type StockReplyPayload,
} from './payloads.js';
export { parsePayload } from './parse-payload.js';
export {
  createProducerConnection,
  createWorkerConnection,
  defaultConnectTimeoutMs,
  defaultProducerCommandTimeoutMs,
  type ConnectionOptions,
  type ProducerConnectionOptions,
} from './connections.js';
export {
  completedRetention,
  defaultAttempts,
  defaultBackoffMs,
  defaultJobOptions,
  failedRetention,
  type RetryPolicy,
} from './retention.js';
export {
  defaultLockDurationMs,
  defaultStalledIntervalMs,
  defaultWorkerConcurrency,
  crashPointRefusedInProduction,
  queueFields,
  queueSettings,
  type QueueSettings,
} from './queue-settings.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker.js';
export {
  createQueueProducer,
  defaultPublishTimeoutMs,
  type QueueProducer,
  type QueueProducerOptions,
} from './queue-producer.js';
export { UnrecoverableError, type Job } from 'bullmq';
export {
  createCrashPoints,
  crashPointNames,
  type CrashPointName,
  type CrashPoints,
} from './crash-points.js';
