import type { Logger } from 'pino';

/** How a privileged action ended. */
export type AuditOutcome = 'succeeded' | 'refused' | 'failed';

export interface AuditEntry {
  /** What was done, e.g. `createProduct`, `setUserRole`. */
  action: string;
  /** Who did it, as authenticated; null for an anonymous caller (refused, then). */
  actor: { userId: string; role: string } | null;
  /** The id of what it was done to, when known. */
  targetId: string | null;
  outcome: AuditOutcome;
  /** The request it was part of, so the line joins the gateway's logs. */
  requestId: string;
  /** The error code when it was refused or failed. */
  code?: string | undefined;
}

/** The message every audit line carries, to filter them out of the service logs. */
export const auditMessage = 'audit';

/**
 * One structured line per privileged action: who, what, to what, when (pino's `time`) and
 * in which request. Takes named fields only, never arguments
 * or payloads, so no secret (password, token) can reach the audit trail.
 */
export function audit(logger: Logger, entry: AuditEntry): void {
  logger.info(
    {
      audit: {
        action: entry.action,
        actor: entry.actor && { userId: entry.actor.userId, role: entry.actor.role },
        targetId: entry.targetId,
        outcome: entry.outcome,
        ...(entry.code === undefined ? {} : { code: entry.code }),
      },
      requestId: entry.requestId,
    },
    auditMessage,
  );
}
