import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  /** 1-minute load average when the suite started: other work on the machine skews every figure. */
  loadAverage?: number;
}

export function describeMachine(): Machine {
  let cpuModel = 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    if (line) cpuModel = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux
  }
  return {
    cores: availableParallelism(),
    cpuModel,
    node: process.version,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}

export const machineLine = (m: Machine) =>
  `${m.cores} cores (nproc), ${m.cpuModel}, Node ${m.node}` +
  (m.loadAverage === undefined ? '' : `; load average ${m.loadAverage} when it started`);
