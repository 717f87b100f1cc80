/**
 * `npm run compose`: composes subgraphs/{users,products,orders}/schema.graphql into
 * supergraph.graphql at the repository root (the file the gateway serves).
 * `npm run compose -- --check`: exits 1 when the committed file is stale; writes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { composeFedshopSupergraph, defaultSupergraphFile } from './lib/fedshop-supergraph.js';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const supergraphPath = join(rootDir, defaultSupergraphFile);
const checkOnly = process.argv.includes('--check');

const composition = await composeFedshopSupergraph(rootDir);
if (!composition.ok) {
  process.stderr.write(
    `The subgraphs do not compose (${composition.errors.length} errors):\n\n` +
      `${composition.errors.join('\n\n')}\n`,
  );
  process.exit(1);
}
if (composition.hints.length > 0) {
  process.stderr.write(`Composition hints:\n${composition.hints.join('\n')}\n\n`);
}

const current = await readFile(supergraphPath, 'utf8').catch(() => null);
if (checkOnly) {
  if (current === composition.supergraphSdl) {
    process.stdout.write(`${defaultSupergraphFile} is up to date\n`);
  } else {
    process.stderr.write(
      `${defaultSupergraphFile} is ${current === null ? 'missing' : 'stale'}: run \`npm run compose\`\n`,
    );
    process.exitCode = 1;
  }
} else if (current === composition.supergraphSdl) {
  process.stdout.write(`${defaultSupergraphFile} is already up to date\n`);
} else {
  await writeFile(supergraphPath, composition.supergraphSdl);
  process.stdout.write(`wrote ${defaultSupergraphFile}\n`);
}
