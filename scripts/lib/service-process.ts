import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface ServiceProcessOptions {
  /** Shown before each output line and in messages (e.g. `users`). */
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Turns each output line into what is printed after the prefix. */
  formatLine?: (line: string) => string;
  /** Sees each raw stdout line (e.g. a "ready" line that carries an address). */
  onStdoutLine?: (line: string) => void;
  prefix: string;
  stdout?: Writable;
  stderr?: Writable;
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** @defaultValue 10 s: the services' own shutdown timeout, plus nothing. */
export const defaultStopTimeoutMs = 10_000;

/**
 * One child process the launcher owns. It runs in its own process group, so a terminal
 * Ctrl-C reaches only the launcher (which then stops children in order, once) and a
 * stop reaches anything the child itself started.
 */
export class ServiceProcess {
  readonly name: string;
  readonly pid: number;
  /** Settles when the child has exited, however that happened. */
  readonly exited: Promise<ServiceExit>;
  private readonly child: ChildProcess;
  private exit: ServiceExit | undefined;

  constructor(options: ServiceProcessOptions) {
    this.name = options.name;
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (this.child.pid === undefined) throw new Error(`could not start ${options.name}`);
    this.pid = this.child.pid;
    const format = options.formatLine ?? ((line: string) => line);
    const stdout = options.stdout ?? process.stdout;
    forwardLines(this.child.stdout, stdout, options.prefix, format, options.onStdoutLine);
    forwardLines(this.child.stderr, options.stderr ?? process.stderr, options.prefix, format);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        // Anything the child left behind in its group goes with it.
        signalGroup(this.pid, 'SIGKILL');
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** SIGTERM, then SIGKILL if the child is still there after `timeoutMs`. */
  async stop(timeoutMs = defaultStopTimeoutMs): Promise<ServiceExit> {
    if (!this.running) return this.exited;
    signalGroup(this.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(this.pid, 'SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Immediate and synchronous: for the launcher's own `exit` handler. */
  kill(): void {
    if (this.running) signalGroup(this.pid, 'SIGKILL');
  }
}

export function describeExit({ code, signal }: ServiceExit): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function forwardLines(
  input: Readable | null,
  output: Writable,
  prefix: string,
  format: (line: string) => string,
  onLine?: (line: string) => void,
): void {
  if (!input) return;
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
    onLine?.(line);
    // A formatted message may span lines (pino keeps `\n` in `msg`); each gets the prefix.
    const lines = format(line).split('\n');
    output.write(lines.map((part) => `${prefix}${part}\n`).join(''));
  });
}
