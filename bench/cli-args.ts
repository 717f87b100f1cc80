import { parseArgs } from 'node:util';

/** Every suite `npm run bench` knows, in the order "all" runs them. */
export const suiteNames = ['gateway', 'workflow', 'embedded-mongo'] as const;
export type SuiteName = (typeof suiteNames)[number];

export const gatewayModes = ['gateway-bound', 'end-to-end'] as const;
export type GatewayMode = (typeof gatewayModes)[number];

export const edgeModes = ['on', 'off'] as const;
export type EdgeMode = (typeof edgeModes)[number];
export const internalTokenModes = ['signed', 'unsigned'] as const;
export type InternalTokenMode = (typeof internalTokenModes)[number];

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
    /** Our gateway with its edge protection on and/or off (`EDGE_PROTECTION`). */
    edge: EdgeMode[] | undefined;
    /** Our gateway signing internal tokens and/or not (`INTERNAL_TOKENS`; gateway-bound only). */
    internalTokens: InternalTokenMode[] | undefined;
    /** Also find the saturating load and run at twice it with shedding. */
    overload: boolean;
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
  --edge on,off        our gateway with its edge protection on and/or off (default on;
                       off = the benchmark-only EDGE_PROTECTION=off)
  --internal-tokens signed,unsigned
                       our gateway signing internal tokens and/or not (default signed;
                       unsigned = the benchmark-only INTERNAL_TOKENS=unsigned, gateway-bound only)
  --overload           gateway-bound: find the saturating load (closed loop, connections
                       doubled until throughput stops rising), then run at twice it with
                       GATEWAY_MAX_INFLIGHT = the saturating load

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

/** A comma-separated list of some of `allowed`, without repeats, in the order given. */
function choices<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (text === undefined) return undefined;
  const picked = [...new Set(list(text))];
  for (const value of picked) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new BenchUsageError(`unknown --${name} '${value}': expected ${allowed.join(' or ')}`);
    }
  }
  if (picked.length === 0) throw new BenchUsageError(`--${name} must name at least one value`);
  return picked as T[];
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
        edge: { type: 'string' },
        'internal-tokens': { type: 'string' },
        overload: { type: 'boolean' },
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
  const edge = choices('edge', values.edge, edgeModes);
  const internalTokens = choices('internal-tokens', values['internal-tokens'], internalTokenModes);
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
      edge,
      internalTokens,
      overload: values.overload ?? false,
    },
    embeddedMongo,
  };
}
