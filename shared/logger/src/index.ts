export { createLogger, redactedPaths, type Logger, type LoggerOptions } from './create-logger.js';
