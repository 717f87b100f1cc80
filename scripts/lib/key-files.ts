import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeySet, toPublicKeySet, type PrivateKeySet } from '@fedshop/auth';
import { keyFileNames } from '@fedshop/config';

/** The two key pairs of the platform, by the variables that name their files. */
const pairs = [
  { privateVariable: 'TOKEN_SIGNING_KEYS_FILE', publicVariable: 'JWKS_FILE', kidPrefix: 'token' },
  {
    privateVariable: 'INTERNAL_SIGNING_KEYS_FILE',
    publicVariable: 'INTERNAL_JWKS_FILE',
    kidPrefix: 'internal',
  },
] as const;

export interface KeyFiles {
  /** Absolute path of each file, by the variable that names it. */
  files: Record<keyof typeof keyFileNames, string>;
  /** Which private sets were generated now (the others were kept). */
  generated: string[];
}

/**
 * The four key files under `dir` (`npm start`: DATA_DIR; `npm run keys`: any folder):
 * a private set is kept when it exists (so tokens survive restarts) and generated
 * otherwise; each public set is rewritten from its private set. Files 0600, folder 0700.
 */
export async function ensureKeyFiles(dir: string): Promise<KeyFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const files = Object.fromEntries(
    Object.entries(keyFileNames).map(([variable, name]) => [variable, join(dir, name)]),
  ) as KeyFiles['files'];
  const generated: string[] = [];
  for (const { privateVariable, publicVariable, kidPrefix } of pairs) {
    let privateSet = await readExisting(files[privateVariable]);
    if (!privateSet) {
      const kid = `${kidPrefix}-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
      privateSet = (await generateKeySet(kid)).privateSet;
      await writePrivate(files[privateVariable], privateSet);
      generated.push(privateVariable);
    }
    await writePrivate(files[publicVariable], toPublicKeySet(privateSet));
  }
  return { files, generated };
}

async function readExisting(file: string): Promise<PrivateKeySet | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PrivateKeySet;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file} cannot be read as a key set; move it away to generate a new one`, {
      cause: error,
    });
  }
}

async function writePrivate(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}
