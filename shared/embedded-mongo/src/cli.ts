import { parseArgs } from 'node:util';
import { readAuthFile } from './auth/read-auth-file.js';
import { startEmbeddedMongo, type EmbeddedMongo, type Logger } from './index.js';

/** Printed for `--help` and, on stderr, after a bad argument. */
export const usage = `Usage: embedded-mongo --port <n> [--host 127.0.0.1] [--dbpath <dir>] [--auth-file <file>]

  --port <n>          TCP port to listen on (0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --dbpath <dir>      keep data in <dir> (journaled, fsynced before each reply);
                      without it everything stays in memory
  --auth-file <file>  require SCRAM-SHA-256 authentication by the users in <file>,
                      JSON {"users":[{"username","password","db"}]} (db defaults
                      to admin); the file must be private (chmod 600). Without it
                      every client may do everything.
  --help              show this text

When ready, prints one line with the connection string (mongodb://host:port).`;

/** Exit code for a bad command line, as the usual Unix tools use. */
export const usageExitCode = 2;

/** How long SIGINT/SIGTERM waits for a clean stop before exiting anyway. */
export const defaultStopTimeoutMs = 10_000;

export interface CliOptions {
  port: number;
  host?: string;
  dbPath?: string;
  authFile?: string;
}

/** A command line that cannot be run; the message says why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses the arguments (without `node` and the script). `undefined` means `--help`. */
export function parseCliArgs(args: readonly string[]): CliOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        dbpath: { type: 'string' },
        'auth-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;
  if (values.port === undefined) throw new UsageError('--port is required');
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  if (values.host === '') throw new UsageError('--host must not be empty');
  if (values.dbpath === '') throw new UsageError('--dbpath must not be empty');
  if (values['auth-file'] === '') throw new UsageError('--auth-file must not be empty');
  return {
    port: Number(values.port),
    host: values.host,
    dbPath: values.dbpath,
    ...(values['auth-file'] === undefined ? {} : { authFile: values['auth-file'] }),
  };
}

/** Warnings and errors (a dropped torn tail, a failed write) go to stderr. */
const stderrLogger: Logger = {
  info: () => {},
  warn: (message, fields) =>
    console.error(`embedded-mongo: warning: ${message}${formatFields(fields)}`),
  error: (message, fields) =>
    console.error(`embedded-mongo: error: ${message}${formatFields(fields)}`),
};

function formatFields(fields: Record<string, unknown> | undefined): string {
  return fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
}

/** Runs the CLI; resolves with nothing, the process exits on a signal or an error. */
export async function main(args: readonly string[]): Promise<void> {
  let options: CliOptions | undefined;
  try {
    options = parseCliArgs(args);
  } catch (error) {
    console.error(`embedded-mongo: ${(error as Error).message}\n\n${usage}`);
    process.exit(usageExitCode);
  }
  if (options === undefined) {
    console.log(usage);
    return;
  }
  let server: EmbeddedMongo;
  try {
    const { authFile, ...listen } = options;
    const users = authFile === undefined ? undefined : await readAuthFile(authFile);
    server = await startEmbeddedMongo({
      ...listen,
      ...(users ? { users } : {}),
      logger: stderrLogger,
    });
  } catch (error) {
    console.error(`embedded-mongo: cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      console.error(
        `embedded-mongo: did not stop within ${defaultStopTimeoutMs} ms after ${signal}`,
      );
      process.exit(1);
    }, defaultStopTimeoutMs);
    timer.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`embedded-mongo: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Only now: whoever waits for this line may signal us right away.
  const where =
    (options.dbPath === undefined ? 'in memory' : `dbpath ${options.dbPath}`) +
    (options.authFile === undefined ? '' : ', SCRAM-SHA-256 authentication required');
  console.log(`embedded-mongo ready: ${server.uri} (${where})`);
}

await main(process.argv.slice(2));
