/** A point in time by which an answer is due (monotonic clock, so wall-clock jumps do not move it). */
export interface Deadline {
  /** Milliseconds left, 0 once it has passed. */
  remainingMs(): number;
}

export function deadlineAfter(ms: number): Deadline {
  const at = performance.now() + ms;
  return { remainingMs: () => Math.max(0, at - performance.now()) };
}

/** What a fetch fails with when its time is up; it reads "did not answer in time". */
export function deadlineExceeded(): DOMException {
  return new DOMException('The request deadline passed', 'TimeoutError');
}
