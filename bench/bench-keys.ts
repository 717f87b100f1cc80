import { join } from 'node:path';
import {
  createAccessTokenIssuer,
  createInternalTokenSigner,
  readPrivateKeySet,
  signingKeyOf,
  type InternalTokenSigner,
  type Viewer,
} from '@fedshop/auth';
import { keyFileNames } from '@fedshop/config';
import { ensureKeyFiles } from '../scripts/lib/key-files.js';

/** The key variables every benchmarked process reads (production mode names them). */
export type BenchKeyEnvironment = Record<keyof typeof keyFileNames, string>;

export interface BenchKeys {
  env: BenchKeyEnvironment;
  /** A client access token for `viewer`, as users would issue it. */
  accessToken(viewer: Viewer, lifetime: string): Promise<string>;
  signInternal: InternalTokenSigner;
}

/**
 * A fresh key set per run, in the run's own folder: nothing outside the run can mint a
 * token any benchmarked process accepts.
 */
export async function benchKeys(dir: string): Promise<BenchKeys> {
  const { files } = await ensureKeyFiles(join(dir, 'keys'));
  const keyOf = (variable: 'TOKEN_SIGNING_KEYS_FILE' | 'INTERNAL_SIGNING_KEYS_FILE') =>
    signingKeyOf(readPrivateKeySet(files[variable], variable), undefined, variable);
  const tokenKey = await keyOf('TOKEN_SIGNING_KEYS_FILE');
  return {
    env: files,
    accessToken: async (viewer, lifetime) =>
      (await createAccessTokenIssuer({ signingKey: tokenKey, lifetime })(viewer)).token,
    signInternal: createInternalTokenSigner(await keyOf('INTERNAL_SIGNING_KEYS_FILE')),
  };
}

/** The gateway's reuse rule for its own tokens: a fresh internal token every 30 s per subgraph. */
export function internalHeadersFor(sign: InternalTokenSigner, viewer: Viewer) {
  const cache = new Map<string, { headers: Promise<Record<string, string>>; until: number }>();
  return (audience: string): Promise<Record<string, string>> => {
    const cached = cache.get(audience);
    if (cached && cached.until > Date.now()) return cached.headers;
    const headers = sign({ audience, viewer }).then((token) => ({
      authorization: `Bearer ${token}`,
    }));
    cache.set(audience, { headers, until: Date.now() + 30_000 });
    return headers;
  };
}
