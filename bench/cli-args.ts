import { parseArgs } from 'node:util';

/** Every suite `npm run bench` knows, in the order "all" runs them. */
export const suiteNames = ['gateway', 'workflow', 'embedded-mongo'] as const;
export type SuiteName = (typeof suiteNames)[number];

export const gatewayModes = ['gateway-bound', 'end-to-end'] as const;
export type GatewayMode = (typeof gatewayModes)[number];

export interface BenchArgs {
  /** Suites to run, in registry order; every suite when none was named. */
  suites: SuiteName[];
  /** Whether the suites were named (an unavailable one is then an error, not a note). */
  suitesNamed: boolean;
  quick: boolean;
  help: boolean;
  /** Where results go, relative to the working directory. */
  outDir: string | undefined;
  gateway: {
    modes: GatewayMode[] | undefined;
    rounds: number | undefined;
    /** Seconds each measurement lasts. */
    duration: number | undefined;
    concurrency: number[] | undefined;
  };
  /** Passed on to the embedded-mongo benchmark as it always took them. */
  embeddedMongo: { runs?: string; sizes?: string; modes?: string; json?: string };
}

/** A command line that cannot be run; the message says why. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

export const benchUsage = `Usage: npm run bench -- [--suite NAME]... [--quick] [options]

  --suite NAME         gateway, workflow or embedded-mongo; repeat or comma-separate
                       for several; none = all of them
  --quick              a short run of each suite (the gateway suite in under 2 minutes)
  --out DIR            results folder (default bench/results)

gateway suite:
  --mode MODE          gateway-bound and/or end-to-end (comma-separated; default both)
  --rounds N           alternated rounds of ours and stock @apollo/gateway (default 3, quick 1)
  --duration SECONDS   length of each measurement (default 2, quick 0.5)
  --concurrency LIST   requests in flight, e.g. 1,10,50 (the default)

workflow suite (orders placed through our gateway, timed to CONFIRMED):
  --rounds N           rounds (default 3, quick 1)
  --duration SECONDS   seconds of placing orders per measurement (default 10, quick 3)
  --concurrency LIST   callers placing orders at once (default 1,10,50)

embedded-mongo suite (as before):
  --runs N  --sizes 10000,100000  --modes memory,dbpath  --json FILE`;

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

function positiveNumber(name: string, text: string | undefined, integer: boolean) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new BenchUsageError(
      `--${name} must be a positive ${integer ? 'whole number' : 'number'}, got '${text}'`,
    );
  }
  return value;
}

/** Parses `npm run bench` arguments (without `node` and the script). */
export function parseBenchArgs(args: readonly string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        suite: { type: 'string', multiple: true },
        quick: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        out: { type: 'string' },
        mode: { type: 'string' },
        rounds: { type: 'string' },
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        runs: { type: 'string' },
        sizes: { type: 'string' },
        modes: { type: 'string' },
        json: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }

  const named = (values.suite ?? []).flatMap(list);
  for (const name of named) {
    if (!(suiteNames as readonly string[]).includes(name)) {
      throw new BenchUsageError(
        `unknown suite '${name}': expected one of ${suiteNames.join(', ')}`,
      );
    }
  }
  const suites = suiteNames.filter((name) => named.length === 0 || named.includes(name));

  const modes = values.mode === undefined ? undefined : list(values.mode);
  for (const mode of modes ?? []) {
    if (!(gatewayModes as readonly string[]).includes(mode)) {
      throw new BenchUsageError(`unknown --mode '${mode}': expected ${gatewayModes.join(' or ')}`);
    }
  }
  if (modes?.length === 0) throw new BenchUsageError('--mode must name at least one mode');

  const concurrency =
    values.concurrency === undefined
      ? undefined
      : list(values.concurrency).map((part) => positiveNumber('concurrency', part, true)!);
  if (concurrency?.length === 0) {
    throw new BenchUsageError('--concurrency must list at least one number');
  }
  if (values.out === '') throw new BenchUsageError('--out must not be empty');

  const embeddedMongo: BenchArgs['embeddedMongo'] = {};
  for (const key of ['runs', 'sizes', 'modes', 'json'] as const) {
    if (values[key] !== undefined) embeddedMongo[key] = values[key];
  }

  return {
    suites,
    suitesNamed: named.length > 0,
    quick: values.quick ?? false,
    help: values.help ?? false,
    outDir: values.out,
    gateway: {
      modes: modes as GatewayMode[] | undefined,
      rounds: positiveNumber('rounds', values.rounds, true),
      duration: positiveNumber('duration', values.duration, false),
      concurrency,
    },
    embeddedMongo,
  };
}
