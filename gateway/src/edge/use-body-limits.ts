import type { RequestHandler } from 'express';
import { defaultJsonBodyLimit, useJsonBody } from '@fedshop/service-kit';

export interface UseBodyLimitsOptions {
  /** Largest JSON body accepted; larger ones are answered 413. @defaultValue `defaultJsonBodyLimit` */
  jsonLimit?: string;
}

/** Parses the JSON body within its size limit; malformed or oversized bodies never reach Apollo. */
export function useBodyLimits({
  jsonLimit = defaultJsonBodyLimit,
}: UseBodyLimitsOptions = {}): RequestHandler {
  return useJsonBody(jsonLimit);
}
