import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForReadyOptions {
  /** Give up after this long. @defaultValue 120 000 ms (a cold start on a slow machine) */
  timeoutMs?: number;
  /** Pause between polls. @defaultValue 250 ms */
  intervalMs?: number;
  /** Stops waiting early, e.g. when the process being waited for has exited. */
  signal?: AbortSignal;
}

export const defaultReadyTimeoutMs = 120_000;

/**
 * Polls `url` (a `/readyz` endpoint) until it answers 200. Connection errors and 503s
 * just mean "not yet"; the caller decides what a timeout means.
 */
export async function waitForReady(
  url: string,
  { timeoutMs = defaultReadyTimeoutMs, intervalMs = 250, signal }: WaitForReadyOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (await answersOk(url, signal)) return;
    await sleep(intervalMs, undefined, signal ? { signal } : {});
  }
  throw new Error(`${url} was not ready after ${Math.round(timeoutMs / 1000)} s`);
}

async function answersOk(url: string, signal: AbortSignal | undefined): Promise<boolean> {
  const timeout = AbortSignal.timeout(2_000);
  try {
    const response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
