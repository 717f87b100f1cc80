import type { BudgetState, CallerBudget } from './caller-budget.js';

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers >= 08, structured fields):
 * the policy (`q` points per `w` seconds) and what is left of it (`r`) until the reset (`t`).
 */
export function rateLimitHeaders(
  budget: Pick<CallerBudget, 'points' | 'windowSeconds'>,
  state: BudgetState,
): Record<string, string> {
  return {
    'RateLimit-Policy': `"default";q=${budget.points};w=${budget.windowSeconds}`,
    RateLimit: `"default";r=${state.remaining};t=${state.resetSeconds}`,
  };
}
