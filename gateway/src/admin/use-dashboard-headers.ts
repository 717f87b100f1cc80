import type { RequestHandler } from 'express';

/**
 * What the dashboard's pages may do: its own scripts, styles and API only; nothing framed,
 * nothing fetched from elsewhere (the UI's web fonts fall back to local ones). Inline style
 * attributes are allowed because the UI sets them; inline scripts are not (its one inline
 * `<script>` is a JSON data block, which CSP does not run).
 */
export const dashboardContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every dashboard answer, refusals included: no framing (clickjacking
 * on the action buttons), the CSP above, no MIME sniffing, no referrer, and never cached
 * (queue contents and sessions are private).
 */
export function useDashboardHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', dashboardContentSecurityPolicy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    next();
  };
}
