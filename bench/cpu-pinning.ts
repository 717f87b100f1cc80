// Which core runs what: the gateway under test alone on core 0, everything else (this
// process, the load generator, replay or real subgraphs, the store) on core 1.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface Pinning {
  /** Core of the gateway under test; undefined when pinning is not possible. */
  gatewayCpu: number | undefined;
  note: string;
  restore(): void;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pinCores(): Pinning {
  const cores = availableParallelism();
  if (cores < 2 || !hasTaskset()) {
    return {
      gatewayCpu: undefined,
      note:
        cores < 2
          ? 'one core only: nothing pinned, the gateway shares its core with the load generator'
          : '`taskset` not found (util-linux): nothing pinned',
      restore: () => undefined,
    };
  }
  const all = `0-${cores - 1}`;
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  return {
    gatewayCpu: 0,
    note: `gateway pinned to core 0; load generator, subgraphs and store on core 1 (of ${cores})`,
    restore: () => {
      execFileSync('taskset', ['-a', '-p', '-c', all, String(process.pid)], { stdio: 'ignore' });
    },
  };
}
