import { describe, expect, it } from 'vitest';
import { LauncherError } from '../../scripts/lib/launcher-error.js';
import { parseWorkerMode } from '../../scripts/lib/worker-mode.js';

describe('parseWorkerMode', () => {
  it('when WORKER_MODE is unset, empty or inline, then the workers run inline', () => {
    for (const value of [undefined, '', 'inline']) expect(parseWorkerMode(value)).toBe('inline');
  });

  it('when WORKER_MODE is separate, then it is separate', () => {
    expect(parseWorkerMode('separate')).toBe('separate');
  });

  it('when WORKER_MODE is anything else, then the launcher refuses, naming the variable', () => {
    expect(() => parseWorkerMode('Separate')).toThrow(LauncherError);
    expect(() => parseWorkerMode('threads')).toThrow(/WORKER_MODE must be inline or separate/);
  });
});
