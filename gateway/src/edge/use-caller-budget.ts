import type { RequestHandler, Response } from 'express';
import { sendBoundaryError } from '@fedshop/errors';
import { budgetUnavailable, rateLimited } from '../budget/budget-errors.js';
import { setCallerKey } from '../budget/budget-state.js';
import type { CallerBudget } from '../budget/caller-budget.js';
import { callerKey, type TrustedProxies } from '../budget/caller-key.js';
import { rateLimitHeaders } from '../budget/rate-limit-headers.js';
import { edgeStateOf } from './edge-state.js';

export interface UseCallerBudgetOptions {
  budget: CallerBudget;
  proxies: TrustedProxies;
}

/**
 * After authentication: resolves whose budget the request spends (user, else client address),
 * answers 429 RATE_LIMITED at once when that budget is spent, and puts the RateLimit fields on
 * the response. The cost is only known once Apollo has parsed the operation: the cost plugin
 * charges it and sets the fields again with what is left after the charge.
 */
export function useCallerBudget({ budget, proxies }: UseCallerBudgetOptions): RequestHandler {
  return (req, res, next) => {
    const key = callerKey(req, edgeStateOf(req).viewer, proxies);
    setCallerKey(req, key);
    budget.peek(key).then(
      (state) => {
        if (state === 'unavailable') return sendUnavailable(res);
        for (const [name, value] of Object.entries(rateLimitHeaders(budget, state))) {
          res.setHeader(name, value);
        }
        if (!state.allowed) return sendBoundaryError(res, rateLimited(state.resetSeconds));
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function sendUnavailable(res: Response): void {
  sendBoundaryError(res, budgetUnavailable());
}
