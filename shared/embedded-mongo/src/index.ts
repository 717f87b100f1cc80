export { startEmbeddedMongo, defaultHost } from './start-embedded-mongo.js';
export type { EmbeddedMongo, EmbeddedMongoOptions } from './start-embedded-mongo.js';
export type { Logger } from './logger.js';
export { noopLogger } from './logger.js';
export { defaultCursorTimeoutMs } from './store/cursor-registry.js';
export type { EmbeddedMongoUser } from './auth/embedded-mongo-user.js';
