import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/embedded-mongo.js', import.meta.url));
const cliSource = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the `embedded-mongo` bin in its own process group; `kill` ends the group. With
 * `fromSource` the CLI runs from its sources in this very process (no shim in between), so
 * that once `exited` resolves the server is gone, as a crash test needs.
 */
export function runCli(
  args: string[],
  { fromSource = false }: { fromSource?: boolean } = {},
): CliRun & { kill(): void } {
  const entry = fromSource ? ['--conditions=@fedshop/source', '--import', tsx, cliSource] : [bin];
  const child = spawn(process.execPath, [...entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** The connection string of the ready line; throws if the process exits first. */
export async function cliReady(cli: CliRun): Promise<string> {
  for (;;) {
    const match = /mongodb:\/\/\S+/.exec(cli.stdout());
    if (match) return match[0];
    const done = await Promise.race([cli.exited, new Promise((r) => setTimeout(r, 20, undefined))]);
    if (done) throw new Error(`exited before ready: ${JSON.stringify(done)} ${cli.stderr()}`);
  }
}
