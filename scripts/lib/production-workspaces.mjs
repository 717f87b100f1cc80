// Prints, one per line, the folders of the workspaces a workspace needs at run time: itself
// and, transitively, the workspaces named in `dependencies` (never devDependencies).
// Plain JavaScript: the Docker build runs it after dev tools have been pruned.
// Usage: node scripts/lib/production-workspaces.mjs @fedshop/users
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const root = readJson('package.json');
const folderOf = new Map(
  root.workspaces.map((folder) => [readJson(join(folder, 'package.json')).name, folder]),
);

const target = process.argv[2];
if (!folderOf.has(target)) {
  process.stderr.write(`${target ?? '(none)'} is not a workspace of ${root.name}\n`);
  process.exit(2);
}

const needed = new Set();
const visit = (name) => {
  if (needed.has(name)) return;
  needed.add(name);
  const { dependencies = {} } = readJson(join(folderOf.get(name), 'package.json'));
  for (const dependency of Object.keys(dependencies)) {
    if (folderOf.has(dependency)) visit(dependency);
  }
};
visit(target);
process.stdout.write([...needed].map((name) => folderOf.get(name)).join('\n') + '\n');
