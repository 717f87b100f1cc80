/**
 * Named places where a test may have the process die at once (SIGKILL to itself, as a
 * power cut would), to prove recovery: set by `FEDSHOP_CRASH_POINT`, which every config
 * refuses in production.
 */
export const crashPointNames = ['after-stock-update', 'after-reply', 'after-publish'] as const;
export type CrashPointName = (typeof crashPointNames)[number];

export interface CrashPoints {
  /** Dies here if this is the configured point; otherwise does nothing. */
  reach(point: CrashPointName): void;
}

export function createCrashPoints(configured: CrashPointName | undefined): CrashPoints {
  return {
    reach(point) {
      if (point === configured) process.kill(process.pid, 'SIGKILL');
    },
  };
}
