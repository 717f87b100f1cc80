/** Where the gateway serves the queue dashboard (ARCHITECTURE.md). */
export const queueDashboardPath = '/admin/queues';

/** Below the dashboard's path: the sign-in page (GET) and opening a session (POST). */
export const sessionPath = '/session';
/** Below the dashboard's path: ending a session (POST). */
export const endSessionPath = '/session/end';
