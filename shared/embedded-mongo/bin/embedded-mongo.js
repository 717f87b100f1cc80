#!/usr/bin/env node
// Runs the built CLI when there is an up-to-date one, otherwise the TypeScript source
// through tsx (with the workspace's source condition), so the command works without a
// build and never runs a stale build during development.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const builtDir = fileURLToPath(new URL('../dist', import.meta.url));
const sourceDir = fileURLToPath(new URL('../src', import.meta.url));

/** Newest modification time of the files under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

// tsc rewrites only the outputs of changed files, so compare the newest on each side.
const useBuild =
  existsSync(join(builtDir, 'cli.js')) &&
  (!existsSync(sourceDir) || newestMtime(builtDir) >= newestMtime(sourceDir));

if (useBuild) {
  await import(new URL('../dist/cli.js', import.meta.url).href);
} else {
  // Resolved from here, so it works whatever the current directory is.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(
    process.execPath,
    [
      '--conditions=@fedshop/source',
      '--import',
      tsx,
      join(sourceDir, 'cli.ts'),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  // A terminal's Ctrl-C reaches the child by itself; forward what is sent to this pid.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die the same way, so callers see what happened to the server.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else {
      process.exit(code ?? 1);
    }
  });
}
