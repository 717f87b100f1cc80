import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs, suiteNames } from '../cli-args.js';

describe('parseBenchArgs', () => {
  it('runs every suite, in registry order, when none is named', () => {
    const args = parseBenchArgs([]);
    expect(args.suites).toEqual(['gateway', 'workflow', 'embedded-mongo']);
    expect(args.suitesNamed).toBe(false);
    expect(args.quick).toBe(false);
  });

  it('takes several suites, repeated or comma-separated, in registry order', () => {
    expect(parseBenchArgs(['--suite', 'embedded-mongo', '--suite', 'gateway']).suites).toEqual([
      'gateway',
      'embedded-mongo',
    ]);
    const args = parseBenchArgs(['--suite', 'workflow,gateway', '--quick']);
    expect(args.suites).toEqual(['gateway', 'workflow']);
    expect(args.suitesNamed).toBe(true);
    expect(args.quick).toBe(true);
  });

  it('rejects an unknown suite, naming the known ones', () => {
    expect(() => parseBenchArgs(['--suite', 'gatway'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--suite', 'gatway'])).toThrow(suiteNames.join(', '));
  });

  it('keeps the embedded-mongo options as they were', () => {
    const args = parseBenchArgs([
      '--runs',
      '3',
      '--sizes',
      '10000',
      '--modes',
      'memory',
      '--json',
      'x.json',
    ]);
    expect(args.embeddedMongo).toEqual({
      runs: '3',
      sizes: '10000',
      modes: 'memory',
      json: 'x.json',
    });
  });

  it('reads the gateway options', () => {
    const args = parseBenchArgs([
      '--mode',
      'gateway-bound',
      '--rounds',
      '5',
      '--duration',
      '1.5',
      '--concurrency',
      '1, 20',
    ]);
    expect(args.gateway).toEqual({
      modes: ['gateway-bound'],
      rounds: 5,
      duration: 1.5,
      concurrency: [1, 20],
      edge: undefined,
      internalTokens: undefined,
      overload: false,
    });
  });

  it('reads the edge, internal-token and overload options', () => {
    const args = parseBenchArgs([
      '--edge',
      'on, off,on',
      '--internal-tokens',
      'unsigned',
      '--overload',
    ]);
    expect(args.gateway).toMatchObject({
      edge: ['on', 'off'],
      internalTokens: ['unsigned'],
      overload: true,
    });
  });

  it.each([
    [['--rounds', '0'], '--rounds must be a positive whole number'],
    [['--rounds', '2.5'], '--rounds must be a positive whole number'],
    [['--duration', 'soon'], '--duration must be a positive number'],
    [['--concurrency', '10,-1'], '--concurrency must be a positive whole number'],
    [['--concurrency', ','], '--concurrency must list at least one number'],
    [['--mode', 'fast'], "unknown --mode 'fast'"],
    [['--out', ''], '--out must not be empty'],
    [['--edge', 'sideways'], "unknown --edge 'sideways': expected on or off"],
    [['--edge', ','], '--edge must name at least one value'],
    [['--internal-tokens', 'none'], "unknown --internal-tokens 'none'"],
    [['--bogus'], "Unknown option '--bogus'"],
    [['stray'], 'stray'],
  ])('rejects %j with a message saying why', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
