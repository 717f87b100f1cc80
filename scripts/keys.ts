/**
 * `npm run keys -- <dir>`: writes a full key set for compose or Kubernetes into <dir>
 * (never commit it) and prints the variables to set. An existing private set is kept.
 */
import { resolve } from 'node:path';
import { ensureKeyFiles } from './lib/key-files.js';

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: npm run keys -- <dir>\n');
  process.exit(2);
}
const { files, generated } = await ensureKeyFiles(resolve(target));
process.stdout.write(
  `${generated.length > 0 ? `generated ${generated.join(', ')}` : 'kept the existing private keys'}\n\n` +
    '# users:    TOKEN_SIGNING_KEYS_FILE, INTERNAL_JWKS_FILE\n' +
    '# gateway:  JWKS_FILE (or JWKS_URL), INTERNAL_SIGNING_KEYS_FILE\n' +
    '# products, orders: INTERNAL_JWKS_FILE\n' +
    Object.entries(files)
      .map(([variable, file]) => `${variable}=${file}`)
      .join('\n') +
    '\n',
);
