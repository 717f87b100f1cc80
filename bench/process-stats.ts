// CPU time and resident memory of a process and everything it started, from /proc.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const pageBytes =
  Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** User + system time of the process itself and of its reaped children, in ticks. */
  cpuTicks: number;
  rssPages: number;
}

/** Parses one `/proc/<pid>/stat` line (the command name may hold spaces and parentheses). */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // Fields from the 3rd (state) on; see proc(5).
  const rest = line.slice(close + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  return {
    pid,
    ppid: field(4),
    cpuTicks: field(14) + field(15) + field(16) + field(17),
    rssPages: field(24),
  };
}

function readStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // exited meanwhile
  }
}

/** The process and its descendants that are alive now. */
export function processTree(rootPid: number): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const tree: ProcStat[] = [];
  const wanted = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all) {
      if (!wanted.has(stat.pid) && wanted.has(stat.ppid)) {
        wanted.add(stat.pid);
        grew = true;
      }
    }
  }
  for (const stat of all) if (wanted.has(stat.pid)) tree.push(stat);
  return tree;
}

export interface TreeUsage {
  cpuSeconds: number;
  rssBytes: number;
}

export function treeUsage(rootPid: number): TreeUsage {
  const tree = processTree(rootPid);
  return {
    cpuSeconds: tree.reduce((sum, stat) => sum + stat.cpuTicks, 0) / clockTicks,
    rssBytes: tree.reduce((sum, stat) => sum + stat.rssPages, 0) * pageBytes,
  };
}

/** Samples a tree's RSS every `intervalMs` until stopped; resolves the peak. */
export function watchPeakRss(rootPid: number, intervalMs = 250): () => number {
  let peak = treeUsage(rootPid).rssBytes;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeUsage(rootPid).rssBytes);
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeUsage(rootPid).rssBytes);
  };
}
