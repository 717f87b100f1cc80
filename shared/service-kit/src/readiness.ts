/** One dependency that must answer before a service is ready (a database, Redis, …). */
export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; rejects or returns false when not. */
  check: () => Promise<boolean | void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'failing'>;
}

export const defaultReadinessTimeoutMs = 2_000;

export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = defaultReadinessTimeoutMs,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => [name, await passes(check, timeoutMs)] as const),
  );
  return {
    ready: results.every(([, ok]) => ok),
    checks: Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'failing'])),
  };
}

async function passes(check: ReadinessCheck['check'], timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const outcome = check().then(
      (result) => result !== false,
      () => false,
    );
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
