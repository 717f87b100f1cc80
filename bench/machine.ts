import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
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
  return { cores: availableParallelism(), cpuModel, node: process.version };
}

export const machineLine = (m: Machine) =>
  `${m.cores} cores (nproc), ${m.cpuModel}, Node ${m.node}`;
