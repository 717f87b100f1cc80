// CPU time each process of a run spent between two readings, from /proc: where the time per
// order goes when the machine, not a queue, is what bounds the throughput.
import { treeUsage } from './process-stats.js';

export interface MeteredProcess {
  name: string;
  pid: number;
}

/** CPU milliseconds by process name; `total` sums them. */
export type CpuMilliseconds = Record<string, number>;

/** The harness's own client shows as this name. */
export const clientName = 'bench client';

/** Starts a reading: call the result to get what each process (and this one) spent since. */
export function startCpuMeter(processes: readonly MeteredProcess[]): () => CpuMilliseconds {
  const before = new Map(processes.map((p) => [p.name, treeUsage(p.pid).cpuSeconds]));
  const client = process.cpuUsage();
  return () => {
    const spent: CpuMilliseconds = {};
    for (const p of processes) {
      spent[p.name] = (treeUsage(p.pid).cpuSeconds - (before.get(p.name) ?? 0)) * 1000;
    }
    const own = process.cpuUsage(client);
    spent[clientName] = (own.user + own.system) / 1000;
    spent.total = Object.values(spent).reduce((sum, ms) => sum + ms, 0);
    return spent;
  };
}

/** Each process's milliseconds divided by `orders`. */
export function perOrder(spent: CpuMilliseconds, orders: number): CpuMilliseconds {
  return Object.fromEntries(
    Object.entries(spent).map(([name, ms]) => [name, orders === 0 ? Number.NaN : ms / orders]),
  );
}
