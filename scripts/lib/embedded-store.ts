import { join } from 'node:path';
import { credentialedUri, embeddedStoreCredentials } from '@fedshop/subgraph-kit';
import type { ServiceProcess, ServiceProcessOptions } from './service-process.js';
import { sourceNodeFlags, type SubgraphSpec } from './services.js';
import type { Supervisor } from './supervisor.js';

/** The store's CLI, run from its sources like the services. */
const storeCli = 'shared/embedded-mongo/src/cli.ts';
/** What the CLI prints once it listens: `embedded-mongo ready: mongodb://127.0.0.1:port (…)`. */
const readyLine = /^embedded-mongo ready: (mongodb:\/\/\S+)/;

/** @defaultValue 60 s: replaying a large journal on a slow machine. */
export const defaultStoreReadyTimeoutMs = 60_000;

/** `orders-store`: the name of a subgraph's store process in the launcher's output. */
export function storeName(spec: SubgraphSpec): string {
  return `${spec.name}-store`;
}

export interface EmbeddedStoreLaunch {
  spec: SubgraphSpec;
  /** Absolute DATA_DIR: the store keeps `<DATA_DIR>/<service>` and its credentials file. */
  dataDir: string;
  /** How the child's output is shown (the launcher's prefix and formatter). */
  output: Pick<ServiceProcessOptions, 'cwd' | 'prefix' | 'formatLine'>;
  /** Stops waiting (the launcher is stopping). */
  signal: AbortSignal;
  timeoutMs?: number;
}

export interface RunningEmbeddedStore {
  process: ServiceProcess;
  /** `mongodb://<service>:<password>@127.0.0.1:<port>/<service>`: what the service connects with. */
  uri: string;
}

/**
 * Runs a subgraph's embedded store as a process of the launcher, on the files and
 * credentials the subgraph would use for a store of its own (`DATA_DIR/<service>`,
 * `DATA_DIR/<service>.mongo-credentials.json`), so the subgraph and its separate worker
 * share one database and either mode sees the same data. Listens on loopback only.
 */
export async function startEmbeddedStore(
  supervisor: Supervisor,
  { spec, dataDir, output, signal, timeoutMs = defaultStoreReadyTimeoutMs }: EmbeddedStoreLaunch,
): Promise<RunningEmbeddedStore> {
  const credentials = await embeddedStoreCredentials(spec.name, dataDir);
  let announced: (serverUri: string) => void = () => {};
  const ready = new Promise<string>((resolve) => (announced = resolve));
  const child = supervisor.start({
    name: storeName(spec),
    command: process.execPath,
    args: [
      ...sourceNodeFlags,
      storeCli,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--dbpath',
      join(dataDir, spec.name),
      '--auth-file',
      credentials.file!,
    ],
    env: process.env,
    ...output,
    onStdoutLine: (line) => {
      const match = readyLine.exec(line);
      if (match) announced(match[1]!);
    },
  });
  const serverUri = await untilReady(ready, child, signal, timeoutMs);
  return { process: child, uri: credentialedUri(serverUri, credentials) };
}

/** The ready line's address, or an error once the store exits, the wait is aborted or times out. */
async function untilReady(
  ready: Promise<string>,
  child: ServiceProcess,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  signal.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${child.name} did not report ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void child.exited.then(() => reject(new Error(`${child.name} exited before it was ready`)));
  });
  try {
    return await Promise.race([ready, failed]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
