/** The MongoDB release this server presents itself as (wire version 21 = MongoDB 7.0). */
export const serverVersion = '7.0.0';
export const maxWireVersion = 21;
export const maxBsonObjectSize = 16 * 1024 * 1024;
export const maxMessageSizeBytes = 48_000_000;
export const maxWriteBatchSize = 100_000;
export const logicalSessionTimeoutMinutes = 30;
