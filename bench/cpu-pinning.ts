// Which core runs what: the gateway under test alone on core 0; this process (the load
// generator) and the replay subgraphs on core 1. The real subgraphs of the end-to-end mode
// are a whole system and get every core.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface Pinning {
  /** Core of the gateway under test; undefined when pinning is not possible. */
  gatewayCpu: number | undefined;
  /** Every core (`0-1`), for what should not inherit this process's pinning. */
  allCpus: string | undefined;
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
      allCpus: undefined,
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
    allCpus: all,
    note:
      `gateway pinned to core 0; the load generator and the replay subgraphs on core 1 (of ${cores}); ` +
      'end to end, the real subgraphs and their store may use every core',
    restore: () => {
      execFileSync('taskset', ['-a', '-p', '-c', all, String(process.pid)], { stdio: 'ignore' });
    },
  };
}
