/** One state-changing route of Bull Board's API, named for the audit log. */
interface ActionRoute {
  method: string;
  /** Matched against the path below the dashboard's mount; groups are the target. */
  pattern: RegExp;
  action: string;
  /** False: refused by policy whoever asks (see `refusedActionReason`). */
  allowed: boolean;
}

const part = '([^/]+)';
const route = (method: string, path: string, action: string, allowed = true): ActionRoute => ({
  method,
  pattern: new RegExp(`^${path.replaceAll(':part', part)}/?$`),
  action,
  allowed,
});

/**
 * Bull Board's own routes (`@bull-board/api` routes.js), most specific first, as Express
 * matches them. Editing a job's data, adding jobs by hand and obliterating a queue are off:
 * payloads are versioned contracts that producers validate, and a consumer's idempotency
 * rests on them; retry, remove, clean, promote, pause and resume stay.
 */
const actionRoutes: readonly ActionRoute[] = [
  route('POST', '/session', 'queues.openSession'),
  route('POST', '/session/end', 'queues.endSession'),
  route('PUT', '/api/queues/pause', 'queues.pauseAll'),
  route('PUT', '/api/queues/resume', 'queues.resumeAll'),
  route('POST', '/api/queues/:part/add', 'queues.addJob', false),
  route('PUT', '/api/queues/:part/retry/:part', 'queues.retryAll'),
  route('PUT', '/api/queues/:part/promote', 'queues.promoteAll'),
  route('PUT', '/api/queues/:part/clean/:part', 'queues.cleanAll'),
  route('PUT', '/api/queues/:part/pause', 'queues.pauseQueue'),
  route('PUT', '/api/queues/:part/resume', 'queues.resumeQueue'),
  route('PUT', '/api/queues/:part/concurrency', 'queues.setConcurrency'),
  route('PUT', '/api/queues/:part/rate-limit', 'queues.setRateLimit'),
  route('PUT', '/api/queues/:part/rate-limit/release', 'queues.releaseRateLimit'),
  route('PUT', '/api/queues/:part/empty', 'queues.emptyQueue'),
  route('PUT', '/api/queues/:part/obliterate', 'queues.obliterateQueue', false),
  route('PUT', '/api/queues/:part/job-schedulers/:part/remove', 'queues.removeJobScheduler'),
  route('PATCH', '/api/queues/:part/job-schedulers/:part', 'queues.updateJobScheduler'),
  route('PUT', '/api/queues/:part/job-schedulers/:part/run', 'queues.runJobScheduler'),
  route('PUT', '/api/queues/:part/:part/retry', 'queues.retryJob'),
  route('PUT', '/api/queues/:part/:part/clean', 'queues.removeJob'),
  route('PUT', '/api/queues/:part/:part/promote', 'queues.promoteJob'),
  route('PATCH', '/api/queues/:part/:part/update-data', 'queues.updateJobData', false),
  route('PATCH', '/api/queues/:part/:part/delay', 'queues.changeJobDelay'),
  route('PATCH', '/api/queues/:part/:part/priority', 'queues.changeJobPriority'),
  route(
    'PUT',
    '/api/queues/:part/:part/remove-unprocessed-children',
    'queues.removeUnprocessedChildren',
  ),
];

export interface DashboardAction {
  action: string;
  /** `queue`, `queue/job` or `queue/status`: what it was done to; null for the whole board. */
  targetId: string | null;
  allowed: boolean;
}

/**
 * The action a state-changing request asks for. Every one is named, also one this table
 * does not know (a newer Bull Board route), so nothing escapes the audit log.
 */
export function dashboardActionOf(method: string, path: string): DashboardAction {
  const upper = method.toUpperCase();
  for (const candidate of actionRoutes) {
    if (candidate.method !== upper) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const target = match.slice(1).map(decodeSegment);
    return {
      action: candidate.action,
      targetId: target.length > 0 ? target.join('/') : null,
      allowed: candidate.allowed,
    };
  }
  return { action: `queues.${upper.toLowerCase()}-unlisted`, targetId: null, allowed: false };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
