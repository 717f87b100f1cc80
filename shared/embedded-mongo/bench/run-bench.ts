import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startBenchServer } from './bench-server-process.js';
import { median, opsPerSecond } from './measure.js';

export type BenchMode = 'memory' | 'dbpath';

export const defaultBenchSizes = [10_000, 100_000];
export const defaultBenchModes: BenchMode[] = ['memory', 'dbpath'];
/** One run keeps the default under two minutes on two busy cores; pass `--runs 3` for medians. */
export const defaultBenchRuns = 1;
export const defaultSampleOps = 1_000;
export const defaultConcurrency = 16;
/** Documents per insertMany when loading the collection. */
export const loadBatchSize = 1_000;

export interface BenchOptions {
  /** Collection sizes to measure at. @defaultValue {@link defaultBenchSizes} */
  sizes?: number[];
  /** With and/or without `--dbpath`. @defaultValue {@link defaultBenchModes} */
  modes?: BenchMode[];
  /** Repetitions of each case; the report gives medians. @defaultValue {@link defaultBenchRuns} */
  runs?: number;
  /** Operations timed per insertOne and find measurement. @defaultValue {@link defaultSampleOps} */
  sampleOps?: number;
  /** Requests in flight at once. @defaultValue {@link defaultConcurrency} */
  concurrency?: number;
  /** Called with a line per finished run. */
  onProgress?: (line: string) => void;
}

/** A rate and what each operation cost the server in CPU time. */
export interface BenchRate {
  perSec: number;
  serverCpuMicrosPerOp: number;
}

/** One run of one case. */
export interface BenchRun {
  insertMany: BenchRate;
  insertOne: BenchRate;
  findById: BenchRate;
  findByIndexedField: BenchRate;
  /** Server heap + external memory growth per 100 000 documents, in MiB. */
  mibPer100kDocs: number;
  /** Time for a server to start on the journal just written (replay included); dbpath only. */
  restartMs: number | null;
}

export interface BenchResult extends BenchRun {
  size: number;
  mode: BenchMode;
  /** Every run; the fields above are their medians. */
  runs: BenchRun[];
}

export interface BenchReport {
  date: string;
  node: string;
  cpus: number;
  options: Required<Omit<BenchOptions, 'onProgress'>>;
  results: BenchResult[];
}

/** A small product document, like the ones the subgraphs store. */
function product(i: number) {
  return {
    _id: i,
    sku: `sku-${String(i).padStart(7, '0')}`,
    name: `Product ${i}`,
    priceCents: (i * 37) % 100_000,
    stock: i % 50,
  };
}

/** Deterministic pseudo-random ids, so every run reads the same documents. */
function* randomIds(seed: number, below: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x % below;
  }
}

/** Operations timed after this many untimed ones, so the JIT has warmed up. */
const warmupOps = 1_000;
/** Lookups compared with each other are timed in this many alternating slices. */
const interleavedSlices = 10;

async function runOnce(
  size: number,
  mode: BenchMode,
  sampleOps: number,
  concurrency: number,
): Promise<BenchRun> {
  const dbPath =
    mode === 'dbpath' ? await mkdtemp(join(tmpdir(), 'embedded-mongo-bench-')) : undefined;
  let server = await startBenchServer(dbPath);
  const client = await new MongoClient(server.uri, { maxPoolSize: concurrency }).connect();
  const rate = async (count: number, op: (i: number) => Promise<unknown>): Promise<BenchRate> => {
    const before = await server.stats(false);
    const perSec = await opsPerSecond(count, concurrency, op);
    const after = await server.stats(false);
    return { perSec, serverCpuMicrosPerOp: (after.cpuMicros - before.cpuMicros) / count };
  };
  const interleavedRates = async <Ops extends readonly (() => Promise<unknown>)[]>(
    count: number,
    ops: Ops,
  ): Promise<{ [K in keyof Ops]: BenchRate }> => {
    const slice = Math.max(1, Math.floor(count / interleavedSlices));
    const totals = ops.map(() => ({ ms: 0, cpuMicros: 0, count: 0 }));
    for (let done = 0; done < count; done += slice) {
      for (const [i, op] of ops.entries()) {
        const n = Math.min(slice, count - done);
        const before = await server.stats(false);
        const perSec = await opsPerSecond(n, concurrency, op);
        const after = await server.stats(false);
        const total = totals[i]!;
        total.ms += (n / perSec) * 1000;
        total.cpuMicros += after.cpuMicros - before.cpuMicros;
        total.count += n;
      }
    }
    return totals.map((t) => ({
      perSec: t.count / (t.ms / 1000),
      serverCpuMicrosPerOp: t.cpuMicros / t.count,
    })) as { [K in keyof Ops]: BenchRate };
  };
  try {
    const products = client.db('bench').collection<ReturnType<typeof product>>('products');
    await products.createIndex({ sku: 1 }, { unique: true });
    const empty = await server.stats(true);

    const batches = Math.ceil(size / loadBatchSize);
    const insertManyBatches = await rate(batches, (b) =>
      products.insertMany(
        Array.from({ length: Math.min(loadBatchSize, size - b * loadBatchSize) }, (_, k) =>
          product(b * loadBatchSize + k),
        ),
        { ordered: false },
      ),
    );
    const insertMany = {
      perSec: (insertManyBatches.perSec * size) / batches,
      serverCpuMicrosPerOp: (insertManyBatches.serverCpuMicrosPerOp * batches) / size,
    };
    let extra = size;
    const nextProduct = () => product(extra++);
    await opsPerSecond(warmupOps, concurrency, () => products.insertOne(nextProduct()));
    const insertOne = await rate(sampleOps, () => products.insertOne(nextProduct()));
    const loaded = await server.stats(true);
    const grown = loaded.heapUsed + loaded.external - (empty.heapUsed + empty.external);
    const mibPer100kDocs = (grown / extra) * (100_000 / 2 ** 20);

    const ids = randomIds(size, size);
    const findById = async () => {
      if (!(await products.findOne({ _id: ids.next().value as number })))
        throw new Error('document missing');
    };
    const skus = randomIds(size + 1, size);
    const findBySku = async () => {
      const sku = product(skus.next().value as number).sku;
      if (!(await products.findOne({ sku }))) throw new Error('document missing');
    };
    await opsPerSecond(warmupOps, concurrency, findById);
    await opsPerSecond(warmupOps, concurrency, findBySku);
    // Timed in alternating slices: the first reads timed after the load cost about 100 µs
    // more server CPU per op (whichever lookup runs first), which timing one lookup after
    // the other billed to `_id` alone.
    const [findByIdRate, findByIndexedField] = await interleavedRates(sampleOps, [
      findById,
      findBySku,
    ] as const);

    let restartMs: number | null = null;
    if (dbPath) {
      await client.close();
      await server.stop();
      server = await startBenchServer(dbPath);
      restartMs = server.startMs;
    }
    return {
      insertMany,
      insertOne,
      findById: findByIdRate,
      findByIndexedField,
      mibPer100kDocs,
      restartMs,
    };
  } finally {
    await client.close();
    await server.stop();
    if (dbPath) await rm(dbPath, { recursive: true, force: true });
  }
}

function medianRate(rates: BenchRate[]): BenchRate {
  return {
    perSec: median(rates.map((r) => r.perSec)),
    serverCpuMicrosPerOp: median(rates.map((r) => r.serverCpuMicrosPerOp)),
  };
}

function medianRun(runs: BenchRun[]): BenchRun {
  return {
    insertMany: medianRate(runs.map((r) => r.insertMany)),
    insertOne: medianRate(runs.map((r) => r.insertOne)),
    findById: medianRate(runs.map((r) => r.findById)),
    findByIndexedField: medianRate(runs.map((r) => r.findByIndexedField)),
    mibPer100kDocs: median(runs.map((r) => r.mibPer100kDocs)),
    restartMs: runs.some((r) => r.restartMs === null)
      ? null
      : median(runs.map((r) => r.restartMs!)),
  };
}

/**
 * Measures the embedded server through the official driver: bulk and single inserts,
 * finds by `_id` and by a uniquely indexed field (rates and server CPU per operation),
 * memory per 100k small documents and, with a dbpath, the restart (replay) time. The
 * server runs in a child process so that it has a core of its own.
 */
export async function runEmbeddedMongoBench(options: BenchOptions = {}): Promise<BenchReport> {
  const settings = {
    sizes: options.sizes ?? defaultBenchSizes,
    modes: options.modes ?? defaultBenchModes,
    runs: options.runs ?? defaultBenchRuns,
    sampleOps: options.sampleOps ?? defaultSampleOps,
    concurrency: options.concurrency ?? defaultConcurrency,
  };
  const cases = settings.sizes.flatMap((size) => settings.modes.map((mode) => ({ size, mode })));
  const runsByCase = cases.map((): BenchRun[] => []);
  // Rounds over all cases rather than all runs of one case in a row, so that a burst of
  // load from elsewhere on the machine does not skew a single case's median.
  for (let run = 0; run < settings.runs; run++) {
    for (const [i, { size, mode }] of cases.entries()) {
      runsByCase[i]!.push(await runOnce(size, mode, settings.sampleOps, settings.concurrency));
      options.onProgress?.(`${size} docs, ${mode}: run ${run + 1}/${settings.runs} done`);
    }
  }
  const results: BenchResult[] = cases.map(({ size, mode }, i) => ({
    size,
    mode,
    ...medianRun(runsByCase[i]!),
    runs: runsByCase[i]!,
  }));
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    options: settings,
    results,
  };
}
