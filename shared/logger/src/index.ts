export {
  createLogger,
  redactedPaths,
  type Logger,
  type LoggerOptions,
  type LogLevel,
} from './create-logger.js';
export {
  createMemoryLogger,
  type MemoryLogger,
  type MemoryLoggerOptions,
} from './memory-logger.js';
export { audit, auditMessage, type AuditEntry, type AuditOutcome } from './audit.js';
