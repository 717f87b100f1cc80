// How the harness starts the project's own services: the launcher's catalogue, entry
// points and environment (scripts/lib), plus what a benchmark run pins down.
import { join } from 'node:path';
import { serviceEnvironment, type LaunchSettings } from '../scripts/lib/service-env.js';
import { baseUrl, sourceNodeFlags, type ServiceSpec } from '../scripts/lib/services.js';
import { waitForReady } from '../scripts/lib/wait-for-ready.js';
import { spawnService, type BenchChild } from './child-process.js';
import { repoRoot } from './paths.js';

export interface LaunchOptions {
  settings: LaunchSettings;
  /** Extra variables on top of the launcher's. */
  extraEnv?: NodeJS.ProcessEnv;
  /** `taskset -c <cpus>`: run on these cores only (`0`, `0-1`). */
  cpu?: number | string;
  logDir: string;
}

export function serviceCommand(
  entry: string,
  cpu: number | string | undefined,
  nodeFlags: readonly string[] = sourceNodeFlags,
): { command: string; args: string[] } {
  const node = [...nodeFlags, entry];
  return cpu === undefined
    ? { command: process.execPath, args: node }
    : { command: 'taskset', args: ['-c', String(cpu), process.execPath, ...node] };
}

/** Starts one service of the catalogue and waits for its `/readyz`. */
export async function launchService(
  spec: ServiceSpec,
  options: LaunchOptions,
): Promise<BenchChild> {
  const env = {
    ...serviceEnvironment(spec, process.env, options.settings),
    ...options.extraEnv,
  };
  const { command, args } = serviceCommand(`${spec.dir}/src/index.ts`, options.cpu);
  const logFile = join(options.logDir, `${spec.name}.log`);
  const child = spawnService({ name: spec.name, command, args, cwd: repoRoot, env, logFile });
  const url = `${baseUrl(options.settings.host, options.settings.ports.get(spec.name) ?? 0)}/readyz`;
  await untilReadyOrExit(child, () => waitForReady(url, { timeoutMs: 90_000 }), logFile);
  return child;
}

/** Waits for `ready`, failing early (naming the log) when the process exits first. */
export async function untilReadyOrExit(
  child: BenchChild,
  ready: () => Promise<void>,
  logFile: string,
): Promise<void> {
  const exitedEarly = child.exited.then(({ code, signal }) => {
    throw new Error(
      `${child.name} exited (${signal ?? `code ${code}`}) before it was ready; see ${logFile}`,
    );
  });
  try {
    await Promise.race([ready(), exitedEarly]);
  } catch (error) {
    await child.stop();
    throw error;
  }
  exitedEarly.catch(() => undefined);
}
