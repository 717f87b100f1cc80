import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface KeyPairFiles {
  /** The private JWK Set (signer). */
  privateFile: string;
  /** The public JWK Set (verifiers). */
  publicFile: string;
  kid: string;
}

/**
 * Key sets for tests, made fresh in every test process (never committed, never used
 * outside tests) and written 0600 to a private temporary folder removed at exit.
 */
const dir = mkdtempSync(join(tmpdir(), 'fedshop-test-keys-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

function writeKeyPair(name: string, kid: string): KeyPairFiles {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const key = { ...jwk, kid, alg: 'ES256', use: 'sig' };
  const { d: _private, ...publicKey } = key;
  const privateFile = join(dir, `${name}-signing-keys.json`);
  const publicFile = join(dir, `${name}-jwks.json`);
  writeFileSync(privateFile, JSON.stringify({ keys: [key] }), { mode: 0o600 });
  writeFileSync(publicFile, JSON.stringify({ keys: [publicKey] }), { mode: 0o600 });
  return { privateFile, publicFile, kid };
}

export const testKeys = {
  dir,
  /** Client access tokens (users signs, the gateway verifies). */
  token: writeKeyPair('token', 'test-token-1'),
  /** Internal tokens (the gateway signs, subgraphs verify). */
  internal: writeKeyPair('internal', 'test-internal-1'),
};

/** The variables every service reads its keys from, pointing at the test keys. */
export const testKeyEnvironment = {
  TOKEN_SIGNING_KEYS_FILE: testKeys.token.privateFile,
  JWKS_FILE: testKeys.token.publicFile,
  INTERNAL_SIGNING_KEYS_FILE: testKeys.internal.privateFile,
  INTERNAL_JWKS_FILE: testKeys.internal.publicFile,
} as const;
