import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceExit, ServiceProcess } from '../../scripts/lib/service-process.js';
import { Supervisor } from '../../scripts/lib/supervisor.js';

const supervisors: Supervisor[] = [];
afterEach(() => {
  for (const supervisor of supervisors.splice(0)) supervisor.killAll();
});

interface Started {
  supervisor: Supervisor;
  output: () => string;
  unexpected: { name: string; exit: ServiceExit }[];
  start: (name: string, script: string) => ServiceProcess;
}

function startSupervisor(): Started {
  const unexpected: Started['unexpected'] = [];
  const supervisor = new Supervisor((service, exit) =>
    unexpected.push({ name: service.name, exit }),
  );
  supervisors.push(supervisor);
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    supervisor,
    output: () => text,
    unexpected,
    start: (name, script) =>
      supervisor.start({
        name,
        command: process.execPath,
        args: ['-e', script],
        cwd: process.cwd(),
        env: process.env,
        prefix: `${name} | `,
        // `~` stands for a line break a formatter may introduce.
        formatLine: (line) => line.toUpperCase().replace('~', '\n'),
        stdout: sink,
        stderr: sink,
      }),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the first line the child prints (its grandchild's pid, say). */
async function untilOutput(output: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let tries = 0; tries < 200; tries += 1) {
    const match = output().match(pattern);
    if (match) return match;
    await sleep(25);
  }
  throw new Error(`no ${pattern} in output: ${output()}`);
}

// The handler is in place before 'up' is printed, so a stop right after 'up' finds it.
const stopsOnSigterm = `
  process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
  console.log('up'); console.error('warming'); console.log('two~lines');
  setInterval(() => {}, 1000);`;

describe('Supervisor', () => {
  it('when children print, then each line carries its prefix and format; when stopped, they exit cleanly', async () => {
    const { supervisor, output, unexpected, start } = startSupervisor();
    start('alpha', stopsOnSigterm);
    start('beta', stopsOnSigterm);
    await untilOutput(output, /alpha \| UP[\s\S]*beta \| UP|beta \| UP[\s\S]*alpha \| UP/);
    const stopped = await supervisor.stopAll(5_000);
    expect(stopped).toEqual([
      { name: 'beta', exit: { code: 0, signal: null } },
      { name: 'alpha', exit: { code: 0, signal: null } },
    ]);
    expect(output()).toContain('alpha | WARMING');
    expect(output()).toContain('alpha | TWO\nalpha | LINES\n');
    expect(output()).toContain('beta | BYE');
    expect(unexpected).toEqual([]);
  });

  it('when a child ignores SIGTERM, then it is killed after the timeout, with what it started', async () => {
    const { supervisor, output, start } = startSupervisor();
    const child = start(
      'stubborn',
      `const { spawn } = require('node:child_process');
       const grandchild = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       process.on('SIGTERM', () => {});
       console.log('grandchild ' + grandchild.pid);
       setInterval(() => {}, 1000);`,
    );
    const grandchildPid = Number((await untilOutput(output, /GRANDCHILD (\d+)/))[1]);
    expect(isAlive(grandchildPid)).toBe(true);
    const started = Date.now();
    const [stopped] = await supervisor.stopAll(300);
    expect(stopped?.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(child.running).toBe(false);
    await sleep(100);
    expect(isAlive(child.pid)).toBe(false);
    expect(isAlive(grandchildPid)).toBe(false);
  });

  it('when a child exits on its own, then the supervisor reports it with its exit code', async () => {
    const { start, unexpected } = startSupervisor();
    const child = start('crashy', `console.error('cannot start'); process.exit(3);`);
    await child.exited;
    await sleep(10);
    expect(unexpected).toEqual([{ name: 'crashy', exit: { code: 3, signal: null } }]);
  });
});
