import type { Request, RequestHandler } from 'express';
import { parse } from 'graphql';
import { sendBoundaryError } from '@fedshop/errors';
import { operationTooComplex } from '../limits/limit-error.js';
import {
  checkDocument,
  checkTokens,
  type LimitViolation,
  type StaticLimits,
} from '../limits/static-limits.js';
import type { SchemaHolder } from '../supergraph/schema-holder.js';

export interface UseOperationLimitsOptions {
  limits: StaticLimits;
  schemas: SchemaHolder;
  /** Verdicts remembered, by document text. @defaultValue `defaultVerdictCacheSize` */
  cacheSize?: number;
}

export const defaultVerdictCacheSize = 1_000;

/**
 * The static limits (tokens, depth, aliases, directives, root fields per mutation), before
 * Apollo parses or validates anything: tokens are counted first (a huge document costs at most
 * `MAX_QUERY_TOKENS` tokens of work), then the parsed document is checked. 400
 * OPERATION_TOO_COMPLEX naming the limit. A document that is not valid GraphQL passes on to
 * Apollo, which reports it. Verdicts are cached by text, as Apollo caches parsed documents.
 */
export function useOperationLimits({
  limits,
  schemas,
  cacheSize = defaultVerdictCacheSize,
}: UseOperationLimitsOptions): RequestHandler {
  const verdicts = new Map<string, LimitViolation | null>();

  function verdictFor(source: string): LimitViolation | null {
    const known = verdicts.get(source);
    if (known !== undefined) return known;
    const verdict = judge(source);
    if (verdicts.size >= cacheSize) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(source, verdict);
    return verdict;
  }

  function judge(source: string): LimitViolation | null {
    const tokens = checkTokens(source, limits);
    if (tokens) return tokens;
    const loaded = schemas.current();
    if (!loaded) return null;
    let document;
    try {
      document = parse(source);
    } catch {
      return null;
    }
    return checkDocument(loaded.apiSchema, document, limits) ?? null;
  }

  return (req, res, next) => {
    for (const source of documentsOf(req)) {
      const violation = verdictFor(source);
      if (violation) {
        sendBoundaryError(res, operationTooComplex(violation));
        return;
      }
    }
    next();
  };
}

/** The `query` texts of a POST body (one operation or a batch) or of a GET's query string. */
function documentsOf(req: Request): string[] {
  const body: unknown = req.method === 'GET' ? req.query : req.body;
  const operations = Array.isArray(body) ? body : [body];
  return operations.flatMap((operation: unknown) => {
    const query = (operation as { query?: unknown } | null)?.query;
    return typeof query === 'string' ? [query] : [];
  });
}
