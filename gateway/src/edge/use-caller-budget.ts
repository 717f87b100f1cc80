import type { RequestHandler, Response } from 'express';
import { sendBoundaryError } from '@fedshop/errors';
import { budgetUnavailable, rateLimited } from '../budget/budget-errors.js';
import type { CallerBudget } from '../budget/caller-budget.js';
import { rateLimitHeaders } from '../budget/rate-limit-headers.js';
import { edgeStateOf } from './edge-state.js';

export interface UseCallerBudgetOptions {
  budget: CallerBudget;
}

/**
 * After authentication (which resolved whose budget the request spends): answers 429 RATE_LIMITED at once when that budget is spent, and puts the RateLimit fields on
 * the response. The cost is only known once Apollo has parsed the operation: the cost plugin
 * charges it and sets the fields again with what is left after the charge.
 */
export function useCallerBudget({ budget }: UseCallerBudgetOptions): RequestHandler {
  return (req, res, next) => {
    budget.peek(edgeStateOf(req).callerKey).then(
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
