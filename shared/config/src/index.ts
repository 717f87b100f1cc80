export { defaultDataDir, defaultHost, defaultPorts, defaultRedisUrl } from './defaults.js';
export {
  keyFileNames,
  keyFilePath,
  retiredVariableWarnings,
  type KeyFileVariable,
} from './key-files.js';
export { subgraphFields, subgraphSettings } from './subgraph-settings.js';
export { timeSpanSeconds } from './time-span.js';
export { ConfigError } from './config-error.js';
export { loadConfig, type Environment } from './load-config.js';
export { requiredInProduction } from './required-in-production.js';
export * as fields from './fields.js';
export { z } from 'zod';
