import { MongoClient } from 'mongodb';
import { startBenchServer } from './bench-server-process.js';
import { median, opsPerSecond } from './measure.js';

export type HandshakeMode = 'none' | 'scram';

export interface HandshakeBenchOptions {
  /** Repetitions; the report gives medians. @defaultValue 5 */
  runs?: number;
  /** Client connections timed per run. @defaultValue 200 */
  connections?: number;
  /** Connections being opened at once. @defaultValue 4 */
  concurrency?: number;
  onProgress?: (line: string) => void;
}

export interface HandshakeRun {
  connectionsPerSec: number;
  /** Server CPU time per client connection (monitor + pooled connection), µs. */
  serverCpuMicrosPerConnection: number;
}

export interface HandshakeReport {
  date: string;
  node: string;
  options: Required<Omit<HandshakeBenchOptions, 'onProgress'>>;
  results: ({ mode: HandshakeMode; runs: HandshakeRun[] } & HandshakeRun)[];
}

const user = { username: 'bench', password: 'bench-password', db: 'bench' };
const warmup = 200;

/**
 * Connections per second with and without SCRAM-SHA-256: each one is a whole client
 * life (`connect`, a `ping` on a pooled connection, `close`), so it includes the
 * driver's monitoring connection (hello only) and one pooled connection that
 * authenticates. The driver caches the salted password per process, as a service
 * that reconnects does: what is left is the exchange itself.
 */
export async function runHandshakeBench(
  options: HandshakeBenchOptions = {},
): Promise<HandshakeReport> {
  const runs = options.runs ?? 5;
  const connections = options.connections ?? 200;
  const concurrency = options.concurrency ?? 4;
  const modes = ['none', 'scram'] as const;
  const servers = await Promise.all(
    modes.map((mode) => startBenchServer(undefined, mode === 'scram' ? [user] : undefined)),
  );
  const runsOf = modes.map((): HandshakeRun[] => []);
  try {
    const clientLives = servers.map((server, i) => {
      const url = new URL(`${server.uri}/${user.db}`);
      if (modes[i] === 'scram') {
        url.username = user.username;
        url.password = user.password;
      }
      return async () => {
        const client = new MongoClient(url.toString(), { maxPoolSize: 1 });
        try {
          await client.db(user.db).command({ ping: 1 });
        } finally {
          await client.close();
        }
      };
    });
    for (const once of clientLives) await opsPerSecond(warmup, concurrency, once);
    // The modes take turns, so a busy moment of the machine hits both alike.
    for (let run = 0; run < runs; run++) {
      for (const [i, server] of servers.entries()) {
        const before = await server.stats(false);
        const connectionsPerSec = await opsPerSecond(connections, concurrency, clientLives[i]!);
        const after = await server.stats(false);
        runsOf[i]!.push({
          connectionsPerSec,
          serverCpuMicrosPerConnection: (after.cpuMicros - before.cpuMicros) / connections,
        });
        options.onProgress?.(
          `${modes[i]} run ${run + 1}/${runs}: ${Math.round(connectionsPerSec)} connections/s`,
        );
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  const results = modes.map((mode, i) => ({
    mode,
    runs: runsOf[i]!,
    connectionsPerSec: median(runsOf[i]!.map((r) => r.connectionsPerSec)),
    serverCpuMicrosPerConnection: median(runsOf[i]!.map((r) => r.serverCpuMicrosPerConnection)),
  }));
  return {
    date: new Date().toISOString(),
    node: process.version,
    options: { runs, connections, concurrency },
    results,
  };
}

export function formatHandshakeTable(report: HandshakeReport): string {
  const { runs, connections, concurrency } = report.options;
  const lines = [
    `embedded-mongo handshake benchmark: node ${report.node}, median of ${runs} runs of ` +
      `${connections} client connections, ${concurrency} at once (connect + ping + close).`,
    `${'auth'.padStart(6)} ${'connections/s'.padStart(14)} ${'server µs/conn'.padStart(15)}`,
  ];
  for (const r of report.results) {
    lines.push(
      `${r.mode.padStart(6)} ${Math.round(r.connectionsPerSec).toLocaleString('en-US').padStart(14)} ` +
        `${Math.round(r.serverCpuMicrosPerConnection).toLocaleString('en-US').padStart(15)}`,
    );
  }
  return lines.join('\n');
}
